package com.envoyx.auth.error;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognises failures that mean a server this service needs (PostgreSQL, Redis) could not be
 * reached or went away mid-call: they are answered as 503 SERVICE_UNAVAILABLE, which callers may
 * retry, never as an internal error.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedChannelException
                    || cause instanceof ClosedConnectionException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
