package com.envoyx.invoice.platform;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs blocking work (file I/O, hashing, JWKS fetches) on a worker thread and hands the result
 * back on the caller's Vert.x context, so a Hibernate Reactive session opened on that context
 * can carry on.
 */
@ApplicationScoped
public class OnWorker {

    private final Vertx vertx;

    public OnWorker(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> call(Callable<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new BlockingWorkException(e);
            }
        }), false).onFailure(BlockingWorkException.class).transform(Throwable::getCause);
    }

    /** Carries a checked exception out of the worker; unwrapped before the caller sees it. */
    private static final class BlockingWorkException extends RuntimeException {
        BlockingWorkException(Exception cause) {
            super(cause);
        }
    }
}
