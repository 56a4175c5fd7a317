package com.envoyx.invoice.platform;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.ResponseType;

/**
 * Connections for Redis subscribers, from the same {@code quarkus.redis.client-type} and
 * {@code quarkus.redis.hosts} as every other Redis call. Standalone (and sentinel, replication):
 * the configured client's own connection. Cluster: a plain connection to one node, because a
 * subscriber needs only one: Redis 7 forwards every PUBLISH to every node of the cluster, so a
 * SUBSCRIBE on any node hears all of them, and its UNSUBSCRIBE must reach that same node. (The
 * cluster client's connection would send each SUBSCRIBE to a random master, and needs every node
 * of the slot map up to connect at all, so one dead master would keep subscribers away.) Each
 * call takes the next configured node, starting from a random one so replicas spread over the
 * nodes: a subscriber that lost its node reconnects to another one. Classic, not sharded
 * (SSUBSCRIBE), pub/sub: event traffic is small, and each subscriber keeps one connection
 * instead of one per master owning one of its channels' slots.
 */
@ApplicationScoped
public class SubscriberConnections {

    private final Redis configured;
    private final List<Redis> clusterNodes;
    private final AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt(1024));

    SubscriberConnections(Redis configured, Vertx vertx,
                          @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
                          @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts,
                          @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        this.configured = configured;
        this.clusterNodes = "cluster".equalsIgnoreCase(clientType)
                ? hosts.stream().map(host -> Redis.createClient(vertx, nodeOptions(host.trim(), password))).toList()
                : List.of();
    }

    /** One node as its own server; a password in the URL wins over {@code quarkus.redis.password}, as in Quarkus. */
    private static RedisOptions nodeOptions(String host, Optional<String> password) {
        RedisOptions options = new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(host);
        password.ifPresent(options::setPassword);
        return options;
    }

    /** A connection for SUBSCRIBE and friends; in a cluster, to the node after the one of the previous call. */
    public Uni<RedisConnection> connect() {
        if (clusterNodes.isEmpty()) {
            return configured.connect();
        }
        return clusterNodes.get(Math.floorMod(next.getAndIncrement(), clusterNodes.size())).connect();
    }

    /**
     * The messages of one channel, on a connection of its own from {@link #connect()}.
     * {@code onSubscribed} runs once Redis confirmed the SUBSCRIBE; the stream fails when the
     * connection fails or ends, so a retry resubscribes on the next node. Cancelling closes it.
     */
    public Multi<String> messages(String channel, Runnable onSubscribed) {
        return Multi.createFrom().emitter(emitter -> connect().subscribe().with(connection -> {
            if (emitter.isCancelled()) {
                connection.closeAndForget();
                return;
            }
            emitter.onTermination(connection::closeAndForget);
            connection.handler(response -> {
                // RESP2 and RESP3 both deliver ["message", channel, payload].
                boolean array = response.type() == ResponseType.PUSH || response.type() == ResponseType.MULTI;
                if (array && response.size() == 3 && "message".equals(response.get(0).toString())) {
                    emitter.emit(response.get(2).toString());
                }
            });
            connection.exceptionHandler(emitter::fail);
            connection.endHandler(() -> emitter.fail(new IllegalStateException("connection closed")));
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).subscribe().with(
                    confirmed -> onSubscribed.run(), emitter::fail);
        }, emitter::fail));
    }

    @PreDestroy
    void close() {
        clusterNodes.forEach(Redis::close);
    }
}
