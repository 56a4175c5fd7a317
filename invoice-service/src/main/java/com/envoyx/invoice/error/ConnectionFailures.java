package com.envoyx.invoice.error;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognises a failure caused by a dependency that cannot be reached (PostgreSQL down, a
 * connection dropped mid-transaction): the client should retry later (503), it did nothing
 * wrong and nothing of ours is broken for good (500). Hibernate Reactive and Mutiny wrap the
 * network error, sometimes several levels deep and sometimes beside a second failure (a
 * rollback that could not be sent), so the whole cause graph is searched.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static boolean causedByUnreachableDependency(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof ConnectException || current instanceof ClosedConnectionException
                    || isConnectionTimeout(current)) {
                return true;
            }
            if (current instanceof CompositeException composite) {
                composite.getCauses().forEach(pending::push);
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
            for (Throwable suppressed : current.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    /** The pool gives up waiting for a connection it cannot open ("Timeout" from the Vert.x SQL pool). */
    private static boolean isConnectionTimeout(Throwable failure) {
        return failure instanceof ConnectTimeoutException
                || failure instanceof VertxException && failure.getMessage() != null
                        && failure.getMessage().toLowerCase(Locale.ROOT).contains("connection timeout");
    }
}
