package com.envoyx.contracts.error;

import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the services' outage classifiers share. A network failure reaches them wrapped, often
 * several levels deep (Hibernate Reactive, CompletionException) and sometimes beside a second
 * failure (a rollback that could not be sent, kept as a suppressed exception, as Mutiny's
 * CompositeException keeps all but its first cause), so the whole cause graph is searched.
 */
public final class FailureCauses {

    private FailureCauses() {
    }

    /** Whether the failure, any cause or any suppressed failure, at any depth, passes {@code test}. */
    public static boolean anyMatch(Throwable failure, Predicate<Throwable> test) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (test.test(current)) {
                return true;
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

    /**
     * A connection reset or broken mid-call. The Vert.x SQL client fails the statement in flight
     * with the socket's own error (since vertx-sql-client#1676), which the JDK raises as a
     * {@link SocketException} or as a bare IOException from its socket layer ("Connection reset by
     * peer"), and Netty's native transport as an IOException of its own.
     */
    public static boolean isBrokenConnection(Throwable failure) {
        if (failure instanceof SocketException) {
            return true;
        }
        if (!(failure instanceof IOException)) {
            return false;
        }
        // A file read fails from sun.nio.ch too (FileChannelImpl); only the socket classes say network.
        for (StackTraceElement frame : failure.getStackTrace()) {
            String thrower = frame.getClassName();
            if (thrower.startsWith("sun.nio.ch.Socket") || thrower.startsWith("sun.nio.ch.NioSocket")
                    || thrower.startsWith("io.netty.channel.")) {
                return true;
            }
        }
        return false;
    }
}
