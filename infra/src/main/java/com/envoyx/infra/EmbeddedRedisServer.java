package com.envoyx.infra;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A Redis server of our own (com.github.codemonstur:embedded-redis), in memory only. Like
 * {@link EmbeddedPostgresServer} it can be stopped and started again on the same port.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final int port;
    private RedisServer running;

    private EmbeddedRedisServer(int port) {
        this.port = port;
    }

    public static EmbeddedRedisServer startOnFreePort() {
        EmbeddedRedisServer server = new EmbeddedRedisServer(Ports.freePort());
        server.start();
        return server;
    }

    public synchronized void start() {
        if (running != null) {
            return;
        }
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            running = server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not stop", e);
        } finally {
            running = null;
        }
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port, true);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }
}
