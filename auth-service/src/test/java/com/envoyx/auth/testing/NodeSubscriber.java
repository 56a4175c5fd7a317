package com.envoyx.auth.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.ResponseType;

/** A subscriber connected to exactly one Redis node (no cluster routing), receiving the payloads of one channel. */
public final class NodeSubscriber implements AutoCloseable {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Redis client;
    private final RedisConnection connection;

    public NodeSubscriber(Vertx vertx, int port, String channel) {
        client = Redis.createClient(vertx, "redis://127.0.0.1:" + port);
        connection = client.connect().await().atMost(Duration.ofSeconds(10));
        connection.handler(response -> {
            boolean push = response.type() == ResponseType.PUSH || response.type() == ResponseType.MULTI;
            if (push && response.size() == 3 && "message".equals(response.get(0).toString())) {
                received.add(response.get(2).toString());
            }
        });
        connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).await().atMost(Duration.ofSeconds(10));
    }

    /** The next message containing {@code text}, skipping others; fails after the timeout. */
    public String next(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String message = received.poll(10, TimeUnit.MILLISECONDS);
            if (message != null && message.contains(text)) {
                return message;
            }
        }
        throw new AssertionError("no message with " + text + " within " + timeout);
    }

    @Override
    public void close() {
        connection.closeAndForget();
        client.close();
    }
}
