package com.envoyx.invoice.events.service;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventMessage;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/**
 * Publishes every committed {@link InvoiceEvent} on its account's Redis channel, where every
 * replica holding a socket of that account picks it up. Fire and forget: the change is already
 * committed, so a failed publish is logged and counted, never reported to whoever made the change.
 */
@ApplicationScoped
public class InvoiceEventPublisher {

    private static final Logger LOG = Logger.getLogger(InvoiceEventPublisher.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final InvoiceEventChannels channels;
    private final ObjectMapper json;
    private final Counter published;
    private final Counter failed;
    /** Per account channel, the publish the next one waits for; removed once the last one completes. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    InvoiceEventPublisher(ReactiveRedisDataSource redis, InvoiceEventChannels channels, ObjectMapper json,
                          MeterRegistry metrics) {
        this.pubsub = redis.pubsub(String.class);
        this.channels = channels;
        this.json = json;
        this.published = metrics.counter("envoyx.invoice.events.published", "outcome", "ok");
        this.failed = metrics.counter("envoyx.invoice.events.published", "outcome", "failed");
    }

    void onEvent(@Observes InvoiceEvent event) {
        publish(event);
    }

    /**
     * Sends the event without waiting for Redis; safe on an event loop. An account's events reach
     * Redis in the order they were fired (a processed document's extracted, validated and outcome
     * events are fired back to back): each PUBLISH is sent once the account's previous one was
     * answered, because two commands on two pooled connections may arrive in either order.
     */
    public void publish(InvoiceEvent event) {
        String channel = channels.of(event.accountId());
        String message = InvoiceEventMessage.of(event).toJson(json);
        CompletableFuture<Void> tail = tails.compute(channel, (key, previous) -> previous == null
                ? send(channel, event, message)
                : previous.thenCompose(ignored -> send(channel, event, message)));
        tail.whenComplete((ignored, failure) -> tails.remove(channel, tail));
    }

    /** Completes, never fails, once Redis answered: a lost event must not hold back the next. */
    private CompletableFuture<Void> send(String channel, InvoiceEvent event, String message) {
        return pubsub.publish(channel, message).subscribeAsCompletionStage().handle((ignored, failure) -> {
            if (failure == null) {
                published.increment();
            } else {
                failed.increment();
                LOG.warnf("Invoice event %s of %s not published: %s", event.type().wireName(), event.invoiceId(),
                        failure.getMessage());
            }
            return null;
        });
    }
}
