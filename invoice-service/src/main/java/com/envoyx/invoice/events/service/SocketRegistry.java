package com.envoyx.invoice.events.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.events.config.WebSocketConfig;
import com.envoyx.invoice.keychain.model.ApiKeyChanged;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.keychain.service.KeyChain;
import com.envoyx.invoice.ratelimit.client.ConnectionLeases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The sockets open on this replica, by account (for events) and by key (for revocation), and
 * everything that happens to them while they live: event delivery, lease renewal, the key check
 * on every renewal, closing on key events and on shutdown.
 *
 * <p>Shutdown: the sockets are closed (1001) and their leases released on
 * {@link ShutdownDelayInitiatedEvent}, the earliest public hook (fired when shutdown begins, while
 * the HTTP server and ratelimit-service's client still work; {@code shutdown.InFlightRequests} explains why
 * the graceful wait for requests is ours); from then on no socket opens here.
 * {@link ShutdownEvent} repeats this as a fallback and waits for the releases.
 */
@ApplicationScoped
public class SocketRegistry {

    private static final Logger LOG = Logger.getLogger(SocketRegistry.class);
    private static final Duration RESERVATION_TTL = Duration.ofSeconds(30);
    private static final Duration SUBSCRIBE_PATIENCE = Duration.ofSeconds(2);

    private final AccountEventSubscriber subscriber;
    private final InvoiceEventChannels channels;
    private final KeyChain chain;
    private final ConnectionLeases leases;
    private final WebSocketConfig config;
    private final Vertx vertx;
    /** Account channel -> its sockets on this replica, plus upgrades admitted and not yet open. */
    private final Map<String, Members> byChannel = new ConcurrentHashMap<>();
    private final Map<UUID, Set<LiveSocket>> byKey = new ConcurrentHashMap<>();
    private final Map<String, LiveSocket> byConnection = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter droppedSlow;
    private final Counter droppedClosed;
    private final MeterRegistry metrics;
    /** Lease releases of sockets closed because this replica is stopping; {@link #stop} waits for them. */
    private final Queue<CompletableFuture<Void>> shutdownReleases = new ConcurrentLinkedQueue<>();
    private volatile boolean draining;

    SocketRegistry(AccountEventSubscriber subscriber, InvoiceEventChannels channels, KeyChain chain,
                   ConnectionLeases leases, WebSocketConfig config, Vertx vertx, MeterRegistry metrics) {
        this.subscriber = subscriber;
        this.channels = channels;
        this.chain = chain;
        this.leases = leases;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        metrics.gaugeMapSize("envoyx.websocket.connections", List.of(), byConnection);
        this.delivered = metrics.counter("envoyx.websocket.events.delivered");
        this.droppedSlow = metrics.counter("envoyx.websocket.events.dropped", "reason", "slow_consumer");
        this.droppedClosed = metrics.counter("envoyx.websocket.events.dropped", "reason", "closing");
    }

    void start(@Observes StartupEvent event) {
        subscriber.start(this::deliver);
    }

    /**
     * Before the upgrade is answered: holds the account's channel for the socket about to open
     * and answers once Redis confirmed the subscription, so the client's 101 means events flow.
     * A reservation that no socket claims (the upgrade failed) lapses after {@link #RESERVATION_TTL}.
     */
    public Uni<Reservation> reserve(UUID accountId) {
        String channel = channels.of(accountId);
        Reservation reservation = new Reservation(channel);
        byChannel.compute(channel, (name, members) -> {
            Members held = members == null ? new Members() : members;
            held.reservations++;
            return held;
        });
        vertx.setTimer(RESERVATION_TTL.toMillis(), ignored -> {
            if (reservation.claim()) {
                leave(channel, null);
            }
        });
        return subscriber.subscribe(channel, SUBSCRIBE_PATIENCE).replaceWith(reservation);
    }

    public void open(WebSocketConnection connection) {
        SocketAdmission admission = connection.userData().get(SocketAdmission.USER_DATA);
        LiveSocket socket = new LiveSocket(connection, admission, config.outboundQueueLimit());
        byConnection.put(socket.id(), socket);
        byKey.computeIfAbsent(socket.keyId(), id -> ConcurrentHashMap.newKeySet()).add(socket);
        boolean claimed = admission.reservation().claim();
        byChannel.compute(admission.reservation().channel(), (name, members) -> {
            Members held = members == null ? new Members() : members;
            if (claimed) {
                held.reservations--;
            } else if (held.isEmpty()) {
                // The reservation lapsed (a very slow open) and took the subscription with it.
                subscriber.subscribe(name, SUBSCRIBE_PATIENCE).subscribe().with(ignored -> { });
            }
            held.sockets.add(socket);
            return held;
        });
        long interval = config.leaseRenewInterval().toMillis();
        socket.renewalTimer(vertx.setPeriodic(interval, interval, ignored -> renew(socket)));
        // Checked after registering: a drain that started meanwhile either saw this socket or is seen here.
        if (draining) {
            goAway(socket);
        }
    }

    /** True once this replica began to stop: no new socket is admitted. */
    public boolean draining() {
        return draining;
    }

    /** Answers on the socket itself, through the same bounded queue as events. */
    public void reply(WebSocketConnection connection, String message) {
        LiveSocket socket = byConnection.get(connection.id());
        if (socket != null && socket.send(message) == LiveSocket.Sent.OVERFLOW) {
            closeSlow(socket);
        }
    }

    public void closed(WebSocketConnection connection) {
        LiveSocket socket = byConnection.get(connection.id());
        if (socket != null && socket.end()) {
            forget(socket);
            release(socket).subscribe().with(ignored -> { }, failure -> { });
        }
    }

    void onKeyChanged(@Observes ApiKeyChanged change) {
        if (!change.endsKey()) {
            return;
        }
        for (LiveSocket socket : byKey.getOrDefault(change.keyId(), Set.of())) {
            close(socket, CloseCodes.KEY_REVOKED, "key_revoked");
        }
    }

    /**
     * Shutdown begins (with {@code quarkus.shutdown.delay-enabled}, whatever the delay): every
     * socket is told 1001 and its lease released, without waiting here: {@code shutdown.InFlightRequests}
     * waits for plain requests next (priority 1 runs this first), and the releases meanwhile.
     */
    void goingAway(@Observes @Priority(1) ShutdownDelayInitiatedEvent event) {
        int closed = drain();
        LOG.infof("Shutting down: %d WebSocket(s) closed with 1001, their connection leases released", closed);
    }

    /**
     * The fallback, and the wait: closes whatever is still open (nothing, when {@link #goingAway}
     * ran) and waits for the leases to be released while ratelimit-service can still be reached;
     * a replica that dies instead frees its slots when the leases expire.
     */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        drain();
        subscriber.stop();
        CompletableFuture<Void> released = CompletableFuture.allOf(shutdownReleases.toArray(CompletableFuture[]::new));
        try {
            released.get(config.shutdownReleaseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("Not every connection lease was released within %s of shutdown; the rest expire on their own",
                    config.shutdownReleaseTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int drain() {
        draining = true;
        int closed = 0;
        for (LiveSocket socket : byConnection.values()) {
            if (goAway(socket)) {
                closed++;
            }
        }
        return closed;
    }

    /** Releases the socket's lease and closes it with 1001, unless something else ended it first. */
    private boolean goAway(LiveSocket socket) {
        if (!socket.end()) {
            return false;
        }
        forget(socket);
        shutdownReleases.add(release(socket)
                .onFailure().invoke(failure -> LOG.warnf("Lease of socket %s not released on shutdown (%s); it expires on its own",
                        socket.id(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .subscribeAsCompletionStage());
        close(socket, CloseCodes.GOING_AWAY, "shutdown");
        return true;
    }

    private void deliver(String channel, String message) {
        Members members = byChannel.get(channel);
        if (members == null) {
            return;
        }
        for (LiveSocket socket : members.sockets) {
            switch (socket.send(message)) {
                case QUEUED -> delivered.increment();
                case OVERFLOW -> {
                    droppedSlow.increment();
                    closeSlow(socket);
                }
                case CLOSED -> droppedClosed.increment();
            }
        }
    }

    private void closeSlow(LiveSocket socket) {
        close(socket, CloseCodes.SLOW_CONSUMER, "slow_consumer");
    }

    private void close(LiveSocket socket, CloseReason reason, String metricReason) {
        if (socket.close(reason)) {
            metrics.counter("envoyx.websocket.closed", "reason", metricReason).increment();
            LOG.debugf("Socket %s of %s closed: %s", socket.id(), socket.principal(), reason);
        }
    }

    /** Checks the key is still valid (fresh token), then renews the lease; a failed check or a lost lease ends the socket. */
    private void renew(LiveSocket socket) {
        chain.principal(socket.key())
                .invoke(socket::refreshed)
                .onFailure(ApiException.class).recoverWithUni(failure -> {
                    ErrorCode code = ((ApiException) failure).code();
                    if (code == ErrorCode.INVALID_API_KEY) {
                        close(socket, CloseCodes.KEY_REVOKED, "key_revoked");
                        return Uni.createFrom().nullItem();
                    }
                    // auth-service unreachable: the lease still needs renewing, with the last token known.
                    return Uni.createFrom().item(socket.principal());
                })
                .onItem().ifNotNull().transformToUni(principal -> leases.renew(principal.token(), socket.leaseId()))
                .subscribe().with(
                        granted -> {
                            if (Boolean.FALSE.equals(granted)) {
                                close(socket, CloseCodes.SLOT_LOST, "slot_lost");
                            }
                        },
                        failure -> LOG.warnf("Lease renewal of socket %s failed (%s); trying again in %s",
                                socket.id(), failure.getMessage(), config.leaseRenewInterval()));
    }

    private void forget(LiveSocket socket) {
        vertx.cancelTimer(socket.renewalTimer());
        byConnection.remove(socket.id());
        byKey.computeIfPresent(socket.keyId(), (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
        leave(channels.of(socket.accountId()), socket);
    }

    /** A socket (or, with null, a lapsed reservation) leaves its channel; the last one unsubscribes. */
    private void leave(String channel, LiveSocket socket) {
        byChannel.computeIfPresent(channel, (name, members) -> {
            if (socket == null) {
                members.reservations--;
            } else {
                members.sockets.remove(socket);
            }
            if (members.isEmpty()) {
                subscriber.unsubscribe(name);
                return null;
            }
            return members;
        });
    }

    /** Who needs a channel on this replica; changed only inside {@code byChannel.compute}. */
    private static final class Members {
        final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
        int reservations;

        boolean isEmpty() {
            return sockets.isEmpty() && reservations == 0;
        }
    }

    /** An account channel held for an upgrade; claimed exactly once, by the socket or by its lapse. */
    public static final class Reservation {
        private final String channel;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Reservation(String channel) {
            this.channel = channel;
        }

        String channel() {
            return channel;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }

    /**
     * One of the key's connection leases at ratelimit-service for a socket about to open; fails
     * with 429 when the key holds all its slots, 503 when ratelimit-service cannot be asked
     * (without it the limit cannot hold across replicas, so the upgrade fails closed).
     */
    public Uni<SocketAdmission> lease(ParsedApiKey key, KeyPrincipal principal) {
        String leaseId = UUID.randomUUID().toString();
        return leases.acquire(principal.token(), leaseId)
                .onFailure().invoke(e -> {
                    LOG.warnf("Connection lease for %s failed: %s", principal, e.getMessage());
                    // The grant may have been lost to a deadline after ratelimit-service counted it.
                    release(principal, leaseId);
                })
                .onFailure().transform(e -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE))
                .flatMap(lease -> lease.granted()
                        ? Uni.createFrom().item(new SocketAdmission(key, principal, leaseId, null))
                        : Uni.createFrom().failure(KeyChain.rateLimitExceeded(lease.retryAfterSeconds())));
    }

    /** Gives back a lease whose socket never opened; best effort, an unreleased lease expires. */
    public void release(KeyPrincipal principal, String leaseId) {
        leases.release(principal.token(), leaseId).subscribe().with(
                released -> LOG.debugf("Lease %s released: %s", leaseId, released),
                e -> LOG.debugf("Lease %s left to expire: %s", leaseId, e.getMessage()));
    }

    private Uni<Void> release(LiveSocket socket) {
        return leases.release(socket.principal().token(), socket.leaseId())
                .onFailure().invoke(failure -> LOG.debugf("Lease of socket %s left to expire: %s", socket.id(),
                        failure.getMessage()))
                .replaceWithVoid();
    }
}
