package com.envoyx.invoice.webhooks.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.webhooks.model.AttemptOutcome;
import com.envoyx.invoice.webhooks.repository.DeliveryQueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Delivery metrics: {@code envoyx_webhook_deliveries_total{outcome}} (delivered, retried, failed,
 * lost: a claim taken over), {@code envoyx_webhook_delivery_seconds} (one attempt's latency), and,
 * refreshed from the database by each replica, {@code envoyx_webhook_queue_depth} (pending
 * deliveries) and {@code envoyx_webhook_oldest_undelivered_seconds} (age of the oldest event still pending).
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("envoyx.webhook.delivery").description("One delivery attempt, until the answer")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("envoyx.webhook.queue.depth", depth, AtomicLong::get)
                .description("Deliveries waiting for an attempt (due or scheduled)").register(registry);
        Gauge.builder("envoyx.webhook.oldest.undelivered", oldestAgeSeconds, AtomicLong::get)
                .baseUnit("seconds").description("Age of the oldest event with a pending delivery").register(registry);
    }

    void attempted(AttemptOutcome outcome) {
        latency.record(outcome.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    void count(String outcome) {
        Counter.builder("envoyx.webhook.deliveries").tag("outcome", outcome).register(registry).increment();
    }

    void backlog(DeliveryQueue.Backlog backlog, Clock clock) {
        depth.set(backlog.depth());
        oldestAgeSeconds.set(backlog.oldest() == null ? 0
                : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toSeconds()));
    }
}
