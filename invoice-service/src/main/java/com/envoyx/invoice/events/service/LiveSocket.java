package com.envoyx.invoice.events.service;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.invoice.keychain.model.KeyPrincipal;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open socket: its key, its lease and its outbound queue. Messages are counted from the
 * moment they are handed to the connection until the network took them; a client that reads
 * slower than events arrive reaches the limit and is closed instead of growing the heap.
 */
final class LiveSocket {

    private static final Logger LOG = Logger.getLogger(LiveSocket.class);

    private final WebSocketConnection connection;
    private final SocketAdmission admission;
    private final int queueLimit;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile KeyPrincipal principal;
    private volatile long renewalTimer = -1;

    LiveSocket(WebSocketConnection connection, SocketAdmission admission, int queueLimit) {
        this.connection = connection;
        this.admission = admission;
        this.principal = admission.principal();
        this.queueLimit = queueLimit;
    }

    /** What happened to a message handed to {@link #send}. */
    enum Sent { QUEUED, OVERFLOW, CLOSED }

    Sent send(String message) {
        if (closing.get() || !connection.isOpen()) {
            return Sent.CLOSED;
        }
        if (queued.incrementAndGet() > queueLimit) {
            queued.decrementAndGet();
            return Sent.OVERFLOW;
        }
        connection.sendText(message).subscribe().with(
                ignored -> queued.decrementAndGet(),
                failure -> {
                    queued.decrementAndGet();
                    LOG.debugf("Send on socket %s failed: %s", connection.id(), failure.getMessage());
                });
        return Sent.QUEUED;
    }

    /** Closes once; later calls (and the client's own close racing with it) do nothing. */
    boolean close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        connection.close(reason).subscribe().with(
                ignored -> { },
                failure -> LOG.debugf("Close of socket %s failed: %s", connection.id(), failure.getMessage()));
        return true;
    }

    /** True exactly once: for whoever releases the socket's lease and unregisters it. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    String id() {
        return connection.id();
    }

    ParsedApiKey key() {
        return admission.key();
    }

    String leaseId() {
        return admission.leaseId();
    }

    UUID keyId() {
        return admission.principal().keyId();
    }

    UUID accountId() {
        return admission.principal().accountId();
    }

    /** The principal with the freshest token seen; lease calls need a token that has not expired. */
    KeyPrincipal principal() {
        return principal;
    }

    void refreshed(KeyPrincipal fresh) {
        principal = fresh;
    }

    long renewalTimer() {
        return renewalTimer;
    }

    void renewalTimer(long timerId) {
        renewalTimer = timerId;
    }
}
