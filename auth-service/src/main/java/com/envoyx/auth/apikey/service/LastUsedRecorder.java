package com.envoyx.auth.apikey.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps exchanges off the write path: each exchange notes its key's use in memory, and a flush
 * every few seconds writes all of them with one UPDATE. A key used a thousand times between two
 * flushes costs one row update. A failed flush puts its batch back for the next one.
 */
@Singleton
public class LastUsedRecorder {

    private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class);
    private static final String UPDATE_BATCH = """
            UPDATE api_keys AS k SET last_used_at = GREATEST(k.last_used_at, u.used_at)
            FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, used_at)
            WHERE k.id = u.id""";

    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final Pool pool;

    LastUsedRecorder(Pool pool) {
        this.pool = pool;
    }

    public void record(UUID keyId, Instant usedAt) {
        pending.merge(keyId, usedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** A use noted but not written yet, newer than what the database holds. */
    public Optional<Instant> unflushed(UUID keyId) {
        return Optional.ofNullable(pending.get(keyId));
    }

    @Scheduled(every = "${envoyx.api-keys.last-used-flush-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Instant> batch = new java.util.HashMap<>();
        for (UUID keyId : pending.keySet()) {
            Instant usedAt = pending.remove(keyId);
            if (usedAt != null) {
                batch.put(keyId, usedAt);
            }
        }
        UUID[] ids = batch.keySet().toArray(UUID[]::new);
        OffsetDateTime[] times = new OffsetDateTime[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = batch.get(ids[i]).atOffset(ZoneOffset.UTC);
        }
        return pool.preparedQuery(UPDATE_BATCH).execute(Tuple.of(ids, times))
                .replaceWithVoid()
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
