package com.envoyx.auth.apikey.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Finds keys whose expiry or rotation grace has passed and announces each once, so caches
 * elsewhere drop them at the moment they stop working. Across replicas a key may rarely be
 * announced twice; subscribers treat events as idempotent.
 */
@ApplicationScoped
public class KeyLifecycleScheduler {

    private static final int BATCH = 100;

    private final ApiKeyService keys;

    KeyLifecycleScheduler(ApiKeyService keys) {
        this.keys = keys;
    }

    @Scheduled(every = "${envoyx.key-lifecycle-scan-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> announceEndedKeys() {
        return keys.announceEnded(BATCH)
                .chain(found -> found == BATCH ? announceEndedKeys() : Uni.createFrom().voidItem());
    }
}
