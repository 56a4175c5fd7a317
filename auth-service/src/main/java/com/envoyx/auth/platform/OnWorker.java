package com.envoyx.auth.platform;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The service's one way to run blocking work (Argon2 hashing) off the event loop: on a worker
 * thread, with the result handed back on the caller's Vert.x context, so a Hibernate Reactive
 * session opened on that context can carry on. Unordered, so parallel logins hash in parallel.
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
