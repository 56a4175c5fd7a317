package com.envoyx.invoice.webhooks.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.invoice.webhooks.client.WebhookSender;
import com.envoyx.invoice.webhooks.config.WebhookConfig;
import com.envoyx.invoice.webhooks.model.AttemptOutcome;
import com.envoyx.invoice.webhooks.model.ClaimedDelivery;
import com.envoyx.invoice.webhooks.model.RetrySchedule;
import com.envoyx.invoice.webhooks.model.WebhookSignature;
import com.envoyx.invoice.webhooks.repository.DeliveryQueue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends due deliveries from the shared {@link DeliveryQueue}, on every replica. Each poll claims
 * as many as this replica has free slots for, leased for longer than one attempt can take; the
 * result of each attempt is written under that claim. A failed attempt is scheduled again after
 * the next wait of the {@link RetrySchedule}, with the same event id and body; after the last it
 * has failed for good. An endpoint whose every attempt failed for {@code disable-after} is disabled.
 * A replica killed mid-delivery leaves its claims to expire; another replica then retakes them.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final RetrySchedule schedule;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean running;
    private long pollTimer;
    private long backlogTimer;

    WebhookDispatcher(DeliveryQueue queue, WebhookSender sender, WebhookConfig config, WebhookMetrics metrics,
                      Clock clock, Vertx vertx) {
        this.queue = queue;
        this.sender = sender;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
        this.schedule = RetrySchedule.parse(config.retrySchedule());
        this.owner = System.getenv().getOrDefault("HOSTNAME", "replica") + "/" + UUID.randomUUID().toString().substring(0, 8);
        if (config.leaseDuration().compareTo(config.timeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("ENVOYX_WEBHOOK_LEASE_DURATION must be at least twice ENVOYX_WEBHOOK_TIMEOUT, "
                    + "or another replica could retake a delivery still in flight");
        }
    }

    void start(@Observes StartupEvent startup) {
        backlogTimer = vertx.setPeriodic(5_000, ignored -> refreshBacklog());
        if (!config.dispatchEnabled()) {
            LOG.info("Webhook dispatch is disabled on this replica (ENVOYX_WEBHOOK_DISPATCH_ENABLED=false)");
            return;
        }
        running = true;
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> claim());
        LOG.infof("Webhook dispatch started as %s: retry schedule %s, timeout %s%s", owner, schedule.waits(),
                config.timeout(), config.allowPrivateTargets() ? ", private targets ALLOWED" : "");
    }

    /** Stops claiming; attempts in flight finish or their leases expire for another replica. */
    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(backlogTimer);
    }

    /** Looks for due deliveries now rather than at the next poll (a test event was just recorded). */
    public void wake() {
        claim();
    }

    private void claim() {
        if (!running || !claiming.compareAndSet(false, true)) {
            return;
        }
        int free = config.concurrency() - inFlight.get();
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        Instant now = clock.instant();
        queue.claim(owner, free, now, now.plus(config.leaseDuration())).subscribe().with(claimed -> {
            claimed.forEach(this::deliver);
            claiming.set(false);
        }, failure -> {
            claiming.set(false);
            LOG.warnf("Claiming webhook deliveries failed, retried at the next poll: %s", failure.getMessage());
        });
    }

    private void deliver(ClaimedDelivery delivery) {
        inFlight.incrementAndGet();
        Instant now = clock.instant();
        WebhookSignature signature = WebhookSignature.sign(delivery.eventId(), now.getEpochSecond(), delivery.body(),
                secrets(delivery, now));
        Map<String, String> headers = Map.of(
                "X-EnvoyX-Signature", signature.envoyxSignature(),
                "X-EnvoyX-Event", delivery.eventType(),
                "webhook-id", signature.webhookId(),
                "webhook-timestamp", signature.webhookTimestamp(),
                "webhook-signature", signature.webhookSignature());
        sender.send(delivery.url(), delivery.body(), headers)
                .flatMap(outcome -> record(delivery, outcome))
                .onTermination().invoke(inFlight::decrementAndGet)
                .subscribe().with(ignored -> { }, e -> LOG.errorf(e, "Recording attempt %d of delivery %s failed; "
                        + "its lease expires and it is attempted again", delivery.attempt(), delivery.id()));
    }

    /** The current secret first, then the one a rotation replaced while its grace lasts. */
    private static List<String> secrets(ClaimedDelivery delivery, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(delivery.secret());
        if (delivery.previousSecret() != null && delivery.previousSecretExpiresAt() != null
                && now.isBefore(delivery.previousSecretExpiresAt())) {
            secrets.add(delivery.previousSecret());
        }
        return secrets;
    }

    private io.smallrye.mutiny.Uni<Void> record(ClaimedDelivery delivery, AttemptOutcome outcome) {
        metrics.attempted(outcome);
        Instant now = clock.instant();
        Instant next = outcome.delivered() ? null
                : schedule.waitAfter(delivery.attempt()).map(now::plus).orElse(null);
        String disabledReason = "Disabled after every delivery failed for " + describe(config.disableAfter())
                + "; last error: " + outcome.error();
        return queue.finish(delivery, outcome, now, next, now.minus(config.disableAfter()), disabledReason)
                .invoke(held -> {
                    if (!held) {
                        metrics.count("lost");
                        LOG.infof("Delivery %s was taken over while attempt %d ran here; its result is dropped",
                                delivery.id(), delivery.attempt());
                    } else if (outcome.delivered()) {
                        metrics.count("delivered");
                    } else {
                        metrics.count(next == null ? "failed" : "retried");
                        LOG.debugf("Delivery %s of %s, attempt %d failed (%s)%s", delivery.id(), delivery.eventId(),
                                delivery.attempt(), outcome.error(), next == null ? ", no attempt left" : ", next at " + next);
                    }
                })
                .replaceWithVoid();
    }

    private void refreshBacklog() {
        queue.backlog().subscribe().with(backlog -> metrics.backlog(backlog, clock),
                e -> LOG.debugf("Reading the webhook backlog failed: %s", e.getMessage()));
    }

    private static String describe(Duration duration) {
        return duration.toHours() >= 48 ? duration.toDays() + " days"
                : duration.toMinutes() >= 120 ? duration.toHours() + " hours" : duration.toSeconds() + " seconds";
    }
}
