package com.envoyx.invoice.events.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.invoice.platform.SubscriberConnections;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * One Redis connection per replica in subscriber mode, subscribed to exactly the account channels
 * this replica holds sockets for: SUBSCRIBE when an account's first socket opens, UNSUBSCRIBE when
 * its last closes (one connection for any number of accounts, where the data source's pub/sub API
 * would open one per subscription). A lost connection is re-established with back-off and every
 * channel subscribed again; events published meanwhile are lost (pub/sub keeps nothing). On a
 * Redis Cluster the connection goes to one node and a reconnect to the next one
 * ({@link SubscriberConnections}), so a dead node costs one reconnect, not the subscription.
 */
@ApplicationScoped
class AccountEventSubscriber {

    private static final Logger LOG = Logger.getLogger(AccountEventSubscriber.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final SubscriberConnections connections;
    private final Vertx vertx;
    /** Channel -> completed once Redis confirmed the SUBSCRIBE on the current connection. */
    private final Map<String, CompletableFuture<Void>> channels = new HashMap<>();
    private BiConsumer<String, String> listener;
    private RedisConnection connection;
    private Duration retry = FIRST_RETRY;
    private boolean stopped = true;

    AccountEventSubscriber(SubscriberConnections connections, Vertx vertx) {
        this.connections = connections;
        this.vertx = vertx;
    }

    /** Connects; {@code listener} receives (channel, message) on the connection's event loop. */
    synchronized void start(BiConsumer<String, String> listener) {
        this.listener = listener;
        this.stopped = false;
        connect();
    }

    synchronized void stop() {
        stopped = true;
        if (connection != null) {
            connection.closeAndForget();
            connection = null;
        }
    }

    /**
     * Subscribes (once per channel) and answers when Redis confirmed it, so a client told its
     * socket is open misses no event published after that. Without Redis the answer still
     * comes, after {@code patience}: the socket opens, and events flow once Redis is back.
     */
    Uni<Void> subscribe(String channel, Duration patience) {
        CompletableFuture<Void> ready;
        synchronized (this) {
            ready = channels.get(channel);
            if (ready == null) {
                ready = new CompletableFuture<>();
                channels.put(channel, ready);
                if (connection != null) {
                    send(connection, Command.SUBSCRIBE, List.of(channel));
                }
            }
        }
        return Uni.createFrom().completionStage(ready).ifNoItem().after(patience).recoverWithItem((Void) null);
    }

    synchronized void unsubscribe(String channel) {
        if (channels.remove(channel) != null && connection != null) {
            send(connection, Command.UNSUBSCRIBE, List.of(channel));
        }
    }

    private void connect() {
        connections.connect().subscribe().with(this::connected, failure -> {
            LOG.warnf("Invoice event subscriber cannot reach Redis (%s); retrying", failure.getMessage());
            retryLater();
        });
    }

    private synchronized void connected(RedisConnection fresh) {
        if (stopped) {
            fresh.closeAndForget();
            return;
        }
        fresh.handler(this::onResponse);
        fresh.exceptionHandler(failure -> lost(fresh, failure));
        fresh.endHandler(() -> lost(fresh, null));
        connection = fresh;
        retry = FIRST_RETRY;
        if (!channels.isEmpty()) {
            send(fresh, Command.SUBSCRIBE, new ArrayList<>(channels.keySet()));
        }
    }

    private void send(RedisConnection target, Command command, List<String> names) {
        Request request = Request.cmd(command);
        names.forEach(request::arg);
        target.send(request).subscribe().with(
                ignored -> confirmed(command, names),
                failure -> {
                    LOG.warnf("%s on the invoice event connection failed: %s", command, failure.getMessage());
                    lost(target, failure);
                });
    }

    private synchronized void confirmed(Command command, List<String> names) {
        if (command == Command.SUBSCRIBE) {
            names.forEach(name -> {
                CompletableFuture<Void> ready = channels.get(name);
                if (ready != null) {
                    ready.complete(null);
                }
            });
        }
    }

    private synchronized void lost(RedisConnection lostConnection, Throwable failure) {
        if (connection != lostConnection) {
            return;
        }
        connection = null;
        lostConnection.closeAndForget();
        if (!stopped) {
            LOG.warnf("Invoice event subscription lost (%s); resubscribing",
                    failure == null ? "connection closed" : failure.getMessage());
            retryLater();
        }
    }

    private synchronized void retryLater() {
        if (stopped) {
            return;
        }
        Duration delay = retry;
        retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        vertx.setTimer(delay.toMillis(), ignored -> {
            synchronized (this) {
                if (!stopped && connection == null) {
                    connect();
                }
            }
        });
    }

    private void onResponse(Response response) {
        // RESP2 and RESP3 both deliver ["message", channel, payload]; subscribe confirmations are ignored.
        boolean array = response.type() == ResponseType.PUSH || response.type() == ResponseType.MULTI;
        if (array && response.size() == 3 && "message".equals(response.get(0).toString())) {
            listener.accept(response.get(1).toString(), response.get(2).toString());
        }
    }
}
