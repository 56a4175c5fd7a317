package com.envoyx.auth.testing;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Runs reactive service code from a test thread the way the scheduler runs it: on a Vert.x context. */
public final class OnVertxContext {

    private OnVertxContext() {
    }

    public static <T> T onVertxContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError("reactive work failed", e);
        }
    }
}
