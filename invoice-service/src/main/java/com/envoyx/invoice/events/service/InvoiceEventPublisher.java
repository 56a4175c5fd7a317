package com.envoyx.invoice.events.service;

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

    /** Sends the event without waiting for Redis; safe on an event loop. */
    public void publish(InvoiceEvent event) {
        String channel = channels.of(event.accountId());
        pubsub.publish(channel, InvoiceEventMessage.of(event).toJson(json)).subscribe().with(
                ignored -> published.increment(),
                failure -> {
                    failed.increment();
                    LOG.warnf("Invoice event %s of %s not published: %s", event.type().wireName(), event.invoiceId(),
                            failure.getMessage());
                });
    }
}
