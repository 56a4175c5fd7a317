package com.envoyx.auth.apikey.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.auth.apikey.client.KeyEventPublisher;
import com.envoyx.auth.apikey.config.KeyEventConfig;
import com.envoyx.auth.apikey.model.PendingKeyEvent;
import com.envoyx.auth.apikey.repository.KeyEventOutboxRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Publishes due outbox events on Redis in the order they were written, deleting each once Redis
 * accepted it. A failed or unanswered PUBLISH reschedules the event with a doubling wait capped
 * at a few seconds: a revocation waits on it, and its token may still be cached elsewhere. Across
 * replicas events are claimed with SKIP LOCKED, so each is published by one replica (twice only
 * if that replica died mid-publish, which subscribers take as once).
 */
@ApplicationScoped
public class KeyEventDispatcher {

    private static final Logger LOG = Logger.getLogger(KeyEventDispatcher.class);
    private static final int BATCH = 100;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);

    private final KeyEventOutboxRepository outbox;
    private final KeyEventPublisher publisher;
    private final KeyEventConfig config;
    private final Clock clock;
    /** One round at a time per replica; a request for another round during one runs it afterwards. */
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    KeyEventDispatcher(KeyEventOutboxRepository outbox, KeyEventPublisher publisher, KeyEventConfig config, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${envoyx.key-events.dispatch-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> dispatchDue() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return dispatchBatches()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Key event outbox unreachable, retrying next round: %s", e.getClass().getSimpleName());
                    return null;
                })
                .eventually(() -> running.set(false))
                .chain(() -> again.get() ? dispatchDue() : Uni.createFrom().voidItem());
    }

    /**
     * Publishes one event right after its commit, so the change's answer follows the announcement
     * as it did before the outbox; bounded by the publish timeout, and never failing: what does not
     * go out now stays in the outbox for the scheduled rounds.
     */
    Uni<Void> publishNow(PendingKeyEvent written) {
        Instant now = clock.instant();
        return outbox.claim(written.id, now, now.plus(config.publishLease()))
                .chain(claimed -> claimed == null ? Uni.createFrom().voidItem() : publish(claimed, new AtomicBoolean()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Key event outbox unreachable, the event waits for the next round: %s", e.getClass().getSimpleName());
                    return null;
                });
    }

    void dispatchInBackground() {
        dispatchDue().subscribe().with(done -> {
        }, e -> LOG.warnf("Key event dispatch failed: %s", e.getClass().getSimpleName()));
    }

    private Uni<Void> dispatchBatches() {
        Instant now = clock.instant();
        AtomicBoolean redisFailed = new AtomicBoolean();
        return outbox.claimDue(now, now.plus(config.publishLease()), BATCH)
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(event -> publish(event, redisFailed))
                        .collect().last()
                        .replaceWith(claimed))
                .chain((List<PendingKeyEvent> claimed) -> claimed.size() == BATCH && !redisFailed.get()
                        ? dispatchBatches() : Uni.createFrom().voidItem());
    }

    /**
     * After one failure in a round the rest of the batch is rescheduled untried: each try would
     * wait out the publish timeout on the same unreachable Redis.
     */
    private Uni<Void> publish(PendingKeyEvent event, AtomicBoolean redisFailed) {
        if (redisFailed.get()) {
            return outbox.reschedule(event.id, clock.instant().plus(backoff(event.attempts)), "not tried: Redis failed this round");
        }
        return publisher.publish(event)
                .chain(() -> outbox.deletePublished(event.id))
                .onFailure().recoverWithUni(e -> {
                    redisFailed.set(true);
                    Duration wait = backoff(event.attempts);
                    LOG.warnf("Publishing %s of key %s failed (attempt %d, next in %d ms): %s", event.type.wireName(),
                            event.keyId, event.attempts, wait.toMillis(), e.getClass().getSimpleName());
                    return outbox.reschedule(event.id, clock.instant().plus(wait), e.getClass().getSimpleName());
                });
    }

    /** 250 ms, 500 ms, 1 s, ... up to the configured maximum. */
    private Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(config.retryMaxBackoff()) > 0 ? config.retryMaxBackoff() : wait;
    }
}
