package com.envoyx.invoice.error;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import com.envoyx.contracts.error.FailureCauses;

/**
 * The one outage classifier: recognises a failure caused by a dependency that cannot be reached
 * (one of ours said so with {@link DependencyUnavailableException}; PostgreSQL down or
 * shutting down, a connection dropped or reset mid-transaction): the client should retry later
 * (503), it did nothing wrong and nothing of ours is broken for good (500). The whole cause graph
 * is searched ({@link FailureCauses}).
 */
final class ConnectionFailures {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private ConnectionFailures() {
    }

    static boolean causedByUnreachableDependency(Throwable failure) {
        return FailureCauses.anyMatch(failure, current -> current instanceof DependencyUnavailableException
                || current instanceof ConnectException || current instanceof ClosedConnectionException
                || FailureCauses.isBrokenConnection(current)
                || isConnectionTimeout(current) || isServerUnavailable(current));
    }

    /**
     * PostgreSQL itself refuses: connection exceptions (class 08), shutting down or starting up
     * (57P01-57P03), too many connections (53300).
     */
    private static boolean isServerUnavailable(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
            return false;
        }
        String state = pg.getSqlState();
        return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
    }

    /** The pool gives up waiting for a connection it cannot open ("Timeout" from the Vert.x SQL pool). */
    private static boolean isConnectionTimeout(Throwable failure) {
        return failure instanceof ConnectTimeoutException
                || failure instanceof VertxException && failure.getMessage() != null
                        && failure.getMessage().toLowerCase(Locale.ROOT).contains("connection timeout");
    }
}
