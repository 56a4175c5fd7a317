package com.envoyx.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.envoyx.infra.launcher.ServiceSpec;

/**
 * One packaged service ({@code <module>/target/quarkus-app}) as a process of its own, which a
 * test can stop (SIGTERM), kill (SIGKILL) and start again with the same environment and ports.
 * Every start appends to the same log file, so a failure's log tells the whole story.
 */
public final class ServiceInstance {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final ServiceSpec spec;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    /** Where this run's output begins in the log, which keeps every earlier run's too. */
    private volatile long logOffset;

    ServiceInstance(String name, ServiceSpec spec, Path repositoryRoot, Map<String, String> environment,
                    List<String> jvmOptions, Path log) {
        this.name = name;
        this.spec = spec;
        this.jar = spec.runnableJar(repositoryRoot);
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    /** Starts the process (no-op while it runs); {@link #awaitReady} waits for it to serve. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first "
                    + "(mvn -B -q -DskipTests package -pl infra,auth-service,ratelimit-service,invoice-service -am)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what the fleet decided: a developer's own ENVOYX_* or QUARKUS_* settings must not leak in.
        builder.environment().keySet().removeIf(key -> key.startsWith("ENVOYX_") || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        try {
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "=== " + name + " start at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails when the process dies or the timeout passes. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException(name + " is not running (exit " + (current == null ? "-" : current.exitValue())
                        + "); see " + log);
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /**
     * Waits until the output of the current run contains {@code text}: for a moment only the
     * process itself can tell, e.g. that it has begun its graceful shutdown.
     */
    public void awaitOutput(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (outputSinceStart().contains(text)) {
                return;
            }
            pause(20);
        }
        throw new IllegalStateException(name + " did not log \"" + text + "\" within " + timeout + "; see " + log);
    }

    /** Not synchronized: it is read while {@link #stop()} holds the lock for the whole shutdown. */
    private String outputSinceStart() {
        try (var channel = Files.newByteChannel(log)) {
            channel.position(logOffset);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as Kubernetes stops a pod: Quarkus shuts down gracefully. SIGKILL only after the grace. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        waitForExit(STOP_GRACE);
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
        process = null;
    }

    /** SIGKILL: no shutdown hook, no graceful close; in-flight requests see their connections reset. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        process = null;
    }

    private void waitForExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id while it runs (for tests that check nothing is left). */
    public synchronized ProcessHandle handle() {
        return process == null ? null : process.toHandle();
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort();
    }

    public int httpPort() {
        return spec.httpPort(environment);
    }

    /** The environment it runs with: ports, addresses, tunables. */
    public Map<String, String> environment() {
        return environment;
    }

    public Path log() {
        return log;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
