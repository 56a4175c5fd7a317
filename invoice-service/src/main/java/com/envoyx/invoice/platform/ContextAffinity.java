package com.envoyx.invoice.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Results of remote calls may complete on another thread than the request's (gRPC transport,
 * a worker). Everything after them on the request path must run on the request's Vert.x context,
 * or a Hibernate Reactive session opened later would be used from the wrong thread.
 */
public final class ContextAffinity {

    private ContextAffinity() {
    }

    /** Delivers the outcome of {@code uni} on the context of whoever subscribes to the result. */
    public static <T> Uni<T> stayOnCaller(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            if (caller == null) {
                return uni;
            }
            return uni.emitOn(task -> {
                if (Vertx.currentContext() == caller) {
                    task.run();
                } else {
                    caller.runOnContext(ignored -> task.run());
                }
            });
        });
    }
}
