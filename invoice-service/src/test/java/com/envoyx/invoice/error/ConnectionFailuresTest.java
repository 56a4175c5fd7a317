package com.envoyx.invoice.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class ConnectionFailuresTest {

    @Test
    void refusedConnectionDeepInTheCauseChainIsAnOutage() {
        Throwable failure = new CompletionException(new IllegalStateException("session",
                new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertTrue(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    @Test
    void droppedConnectionBesideAFailedRollbackIsAnOutage() {
        Throwable failure = new CompositeException(
                new IllegalStateException("HR000090: Live transaction detected"),
                ClosedConnectionException.INSTANCE);
        assertTrue(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    /** What a statement in flight fails with when PostgreSQL's fast shutdown resets its connection. */
    @Test
    void aConnectionResetMidStatementIsAnOutage() {
        Throwable failure = new CompletionException(new SocketException("Connection reset"));
        assertTrue(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    @Test
    void aDatabaseShuttingDownIsAnOutage() {
        Throwable failure = new CompletionException(
                new PgException("the database system is shutting down", "FATAL", "57P03", null));
        assertTrue(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    @Test
    void aDependencyThatSaidItIsUnavailableIsAnOutageWhereverItIsWrapped() {
        Throwable failure = new CompletionException(
                new DependencyUnavailableException("blob store unavailable: 503", new IllegalStateException("503")));
        assertTrue(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    @Test
    void aConstraintViolationIsNot() {
        Throwable failure = new PgException("duplicate key value", "ERROR", "23505", null);
        assertFalse(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    @Test
    void aProgrammingErrorIsNot() {
        Throwable failure = new CompletionException(new NullPointerException("invoice.blobKey"));
        assertFalse(ConnectionFailures.causedByUnreachableDependency(failure));
    }

    @Test
    void aCyclicCauseGraphEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.addSuppressed(second);
        assertFalse(ConnectionFailures.causedByUnreachableDependency(second));
    }
}
