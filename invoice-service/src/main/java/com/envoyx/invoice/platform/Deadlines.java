package com.envoyx.invoice.platform;

import java.time.Duration;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * The deadline of a remote call, enforced here as well as in gRPC: a gRPC deadline is only
 * checked once the transport is up, so a peer that accepts the connection and never speaks
 * would otherwise hold the request forever.
 */
public final class Deadlines {

    private Deadlines() {
    }

    public static <T> Uni<T> bound(Uni<T> call, long deadlineMillis) {
        return call.ifNoItem().after(Duration.ofMillis(deadlineMillis)).failWith(TimeoutException::new);
    }
}
