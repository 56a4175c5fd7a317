package com.envoyx.systemtest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.envoyx.infra.Ports;

/**
 * A {@code redis-server} process of a test's own, in memory only ({@code --save "" --appendonly
 * no}), on a port that stays the same across {@link #kill()} and {@link #start()}: what the
 * services see is "Redis died and came back empty at the same address".
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path workDirectory;
    private final Path log;
    private Process process;

    private RedisProcess(int port, Path workDirectory, Path log) {
        this.port = port;
        this.workDirectory = workDirectory;
        this.log = log;
    }

    /** Starts redis-server on a free port; its data directory (empty: nothing is saved) lives under {@code workDirectory}. */
    public static RedisProcess startOnFreePort(Path workDirectory, Path log) {
        RedisProcess redis = new RedisProcess(Ports.freePort(), workDirectory, log);
        redis.start();
        return redis;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(workDirectory);
            Files.writeString(log, "=== redis-server start on port " + port + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDirectory.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it on the PATH?)", e);
        }
        awaitPong();
    }

    /** SIGKILL: no shutdown, no save; clients see their connections reset. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process while it runs, else null. */
    public synchronized ProcessHandle handle() {
        return process == null ? null : process.toHandle();
    }

    public int port() {
        return port;
    }

    /**
     * One command, answered with the first line of Redis' reply (e.g. {@code :5} for an integer,
     * {@code +PONG}); enough for the checks the fault tests make.
     */
    public String call(String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer " + command[0], e);
        }
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if ("+PONG".equals(call("PING"))) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + START_TIMEOUT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
