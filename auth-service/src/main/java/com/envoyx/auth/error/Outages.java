package com.envoyx.auth.error;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import com.envoyx.contracts.error.FailureCauses;

/**
 * The service's one outage classifier: recognises failures that mean a server this service needs
 * (PostgreSQL, Redis) could not be reached, went away mid-call or refuses to serve for now. They
 * are answered as 503 SERVICE_UNAVAILABLE (gRPC UNAVAILABLE), which callers may retry, never as an
 * internal error. The whole cause graph is searched ({@link FailureCauses}).
 *
 * <p>It recognises what invoice-service's classifier recognises, and two more kinds, because
 * auth-service asks Redis on the request path (login throttling) and has no slow work of its own:
 * a write to a Redis connection that was dropped fails with Netty's {@link ClosedChannelException},
 * and every {@link TimeoutException} here (Vert.x, Mutiny) is a PostgreSQL or Redis call that got
 * no answer in time.
 */
public final class Outages {

    /** PostgreSQL shutting down (57P01, 57P02), starting up (57P03), too many connections (53300). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** SQLSTATE class 08: connection exceptions. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        return FailureCauses.anyMatch(failure, Outages::isOutageItself);
    }

    /** One failure, without its causes. Netty's connect timeout is a {@link ConnectException} too. */
    private static boolean isOutageItself(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof ClosedConnectionException
                || failure instanceof ClosedChannelException || failure instanceof TimeoutException
                || FailureCauses.isBrokenConnection(failure)
                || isConnectionTimeout(failure) || isServerUnavailable(failure);
    }

    private static boolean isServerUnavailable(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
            return false;
        }
        String state = pg.getSqlState();
        return state.startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(state);
    }

    /** A Vert.x client that gave up opening a connection. */
    private static boolean isConnectionTimeout(Throwable failure) {
        return failure instanceof VertxException && failure.getMessage() != null
                && failure.getMessage().toLowerCase(Locale.ROOT).contains("connection timeout");
    }
}
