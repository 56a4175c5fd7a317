package com.envoyx.invoice.events.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.platform.RedisConfig;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * WebSocket tickets in Redis, shared by every replica (a ticket issued by one is used on another):
 * {@code <prefix>ws-ticket:<id>} holds the sealed key until the ticket's expiry. {@link #take} is
 * GETDEL, so of two uses of one ticket, on any replicas, exactly one finds it.
 */
@ApplicationScoped
public class TicketStore {

    private final ReactiveRedisDataSource redis;
    private final String prefix;

    TicketStore(ReactiveRedisDataSource redis, RedisConfig config) {
        this.redis = redis;
        this.prefix = config.keyPrefix() + "ws-ticket:";
    }

    public Uni<Void> put(String id, String sealed, Duration ttl) {
        return redis.execute("SET", prefix + id, sealed, "PX", Long.toString(ttl.toMillis()), "NX").replaceWithVoid();
    }

    /** The sealed value, removed in the same step; null when unknown, expired or already taken. */
    public Uni<String> take(String id) {
        return redis.execute("GETDEL", prefix + id).map(response -> response == null ? null : text(response));
    }

    private static String text(Response response) {
        return response.toString();
    }
}
