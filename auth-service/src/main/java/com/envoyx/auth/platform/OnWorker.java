package com.envoyx.auth.platform;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;

/**
 * The service's one way to run blocking work (Argon2 hashing) off the event loop: on worker
 * threads, with the result handed back on the caller's Vert.x context, so a Hibernate Reactive
 * session opened on that context can carry on. Unordered, so parallel logins hash in parallel.
 */
@ApplicationScoped
public class OnWorker {

    private final Vertx vertx;

    OnWorker(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Threads of their own for one kind of costly work, with a bounded number of tasks waiting:
     * the shared worker pool bounds nothing by itself, and a task past the bound is refused at
     * once ({@link Saturated}) instead of holding memory while it waits.
     */
    public BoundedPool boundedPool(String name, int threads, int maxQueued) {
        return new BoundedPool(vertx.createSharedWorkerExecutor(name, threads), threads + maxQueued);
    }

    public static final class BoundedPool {

        private final WorkerExecutor executor;
        private final int capacity;
        private final AtomicInteger admitted = new AtomicInteger();

        private BoundedPool(WorkerExecutor executor, int capacity) {
            this.executor = executor;
            this.capacity = capacity;
        }

        /** Runs the work on the pool, or fails with {@link Saturated} when running plus waiting tasks are at the bound. */
        public <T> Uni<T> call(Supplier<T> work) {
            return Uni.createFrom().deferred(() -> {
                if (admitted.incrementAndGet() > capacity) {
                    admitted.decrementAndGet();
                    return Uni.createFrom().failure(new Saturated());
                }
                return executor.executeBlocking(Uni.createFrom().item(work), false)
                        .onTermination().invoke(admitted::decrementAndGet);
            });
        }
    }

    /** A bounded pool had no room; waiting a moment helps. */
    public static final class Saturated extends RuntimeException {
        Saturated() {
            super("worker pool saturated", null, false, false);
        }
    }
}
