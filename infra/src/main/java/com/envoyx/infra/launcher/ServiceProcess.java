package com.envoyx.infra.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as a child process, its output prefixed with its name. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceSpec spec;
    private final int httpPort;
    private final Process process;

    private ServiceProcess(ServiceSpec spec, int httpPort, Process process) {
        this.spec = spec;
        this.httpPort = httpPort;
        this.process = process;
    }

    static ServiceProcess start(ServiceSpec spec, Path repositoryRoot, Map<String, String> environment,
                                List<String> jvmOptions, PrintStream out) {
        Path jar = spec.runnableJar(repositoryRoot);
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " is missing: build first (mvn -B -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            ServiceProcess service = new ServiceProcess(spec, spec.httpPort(environment), process);
            service.pipeOutput(out);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        }
    }

    private void pipeOutput(PrintStream out) {
        String prefix = String.format("%-9s | ", spec.name());
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    out.println(prefix + line);
                }
            } catch (IOException e) {
                // The process is gone; nothing more to print.
            }
        }, spec.name() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Polls the readiness probe until it answers 200, the process dies or the deadline passes. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue() + " before it was ready");
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout.toSeconds() + " s");
    }

    /** SIGTERM first so Quarkus shuts down gracefully; SIGKILL only after the grace period. */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ServiceSpec spec() {
        return spec;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }
}
