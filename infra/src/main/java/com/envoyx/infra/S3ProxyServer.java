package com.envoyx.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible server of our own: S3Proxy ({@code org.gaul:s3proxy}, its
 * {@code jar-with-dependencies}) as a child process on a free loopback port, storing objects as
 * files under a scratch directory (jclouds {@code filesystem-nio2} provider) with a random key
 * pair. A process rather than a library because its Jetty, Jackson and jclouds would share the
 * classpath with Quarkus; several processes (two invoice-service replicas, a test) can use one
 * server. Closing it stops the process and deletes the data.
 *
 * <p>The jar is found at {@value #JAR_PROPERTY} (a system property) or {@code ENVOYX_S3PROXY_JAR};
 * the modules that use it copy it into {@code target/} with maven-dependency-plugin.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "envoyx.s3proxy.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Path directory;

    private S3ProxyServer(Process process, int port, String accessKey, String secretKey, Path directory) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.directory = directory;
    }

    /** Starts S3Proxy from the jar named by {@value #JAR_PROPERTY} or {@code ENVOYX_S3PROXY_JAR}. */
    public static S3ProxyServer start() {
        String jar = System.getProperty(JAR_PROPERTY, System.getenv("ENVOYX_S3PROXY_JAR"));
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy jar not found (" + JAR_PROPERTY + " / ENVOYX_S3PROXY_JAR = " + jar
                    + "); build the module first so that maven-dependency-plugin copies it");
        }
        return start(Path.of(jar));
    }

    /** Starts the jar on a free port and waits until it accepts connections. */
    public static S3ProxyServer start(Path jar) {
        int port = Ports.freePort();
        String accessKey = "envoyx-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = UUID.randomUUID().toString();
        try {
            Path directory = Files.createTempDirectory("envoyx-s3proxy");
            Path data = Files.createDirectories(directory.resolve("data"));
            Path properties = directory.resolve("s3proxy.properties");
            Files.write(properties, List.of(
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + data));
            Process process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("s3proxy.log").toFile())
                    .start();
            S3ProxyServer server = new S3ProxyServer(process, port, accessKey, secretKey, directory);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy", e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Ports.answers("127.0.0.1", port, Duration.ofMillis(200))) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String log = readLog();
                close();
                throw new IllegalStateException("S3Proxy did not start on port " + port + ":\n" + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting S3Proxy", e);
            }
        }
    }

    private String readLog() {
        try {
            return Files.readString(directory.resolve("s3proxy.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Base URL for S3 clients; use path-style access. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Directories.deleteRecursively(directory);
    }
}
