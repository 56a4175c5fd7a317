package com.envoyx.ratelimit.platform;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The service's one way to run blocking work (a token verification that may fetch the JWKS) off
 * the event loop: on a worker thread, with the result handed back on the caller's Vert.x context,
 * so the Redis call that follows starts from the event loop again. Unordered, so parallel cache
 * misses verify in parallel.
 */
@ApplicationScoped
public class OnWorker {

    private final Vertx vertx;

    OnWorker(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> call(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
