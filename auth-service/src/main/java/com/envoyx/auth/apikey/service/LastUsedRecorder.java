package com.envoyx.auth.apikey.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.auth.apikey.repository.ApiKeyRepository;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps exchanges off the write path: each exchange notes its key's use in memory, and a flush
 * every few seconds writes all of them with one UPDATE. A key used a thousand times between two
 * flushes costs one row update. A failed flush puts its batch back for the next one.
 */
@ApplicationScoped
public class LastUsedRecorder {

    private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class);

    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final ApiKeyRepository keys;

    LastUsedRecorder(ApiKeyRepository keys) {
        this.keys = keys;
    }

    public void record(UUID keyId, Instant usedAt) {
        pending.merge(keyId, usedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** A use noted but not written yet, newer than what the database holds. */
    public Optional<Instant> unflushed(UUID keyId) {
        return Optional.ofNullable(pending.get(keyId));
    }

    @Scheduled(every = "${envoyx.last-used-flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Instant> batch = new HashMap<>();
        for (UUID keyId : pending.keySet()) {
            Instant usedAt = pending.remove(keyId);
            if (usedAt != null) {
                batch.put(keyId, usedAt);
            }
        }
        return keys.writeLastUsed(batch)
                .onFailure().recoverWithItem(e -> {
                    batch.forEach(this::record);
                    LOG.warnf("last_used_at flush of %d keys failed, retrying with the next one: %s",
                            batch.size(), e.getClass().getSimpleName());
                    return null;
                });
    }

    void writeOnShutdown(@Observes ShutdownEvent shutdown) {
        flush().await().atMost(Duration.ofSeconds(5));
    }
}
