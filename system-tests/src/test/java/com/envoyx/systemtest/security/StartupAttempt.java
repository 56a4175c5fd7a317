package com.envoyx.systemtest.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.envoyx.infra.Directories;
import com.envoyx.infra.Ports;
import com.envoyx.infra.launcher.ServiceSpec;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.LaunchedSuite;

/**
 * One packaged service started as an operator would start it (the jar, so the prod profile), with
 * settings of the test's choosing, to see whether it refuses to start. The process gets no database
 * to migrate (Flyway at start is off, the database name is one nobody has), so it touches nothing
 * shared whether it starts or not; "started" means Quarkus finished its startup, after which the
 * process is stopped.
 */
final class StartupAttempt {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    record Outcome(boolean started, int exitCode, String output) {
    }

    private StartupAttempt() {
    }

    /** Settings under which the service starts; each test changes one or two of them. */
    static Map<String, String> startableEnvironment(Path workDirectory) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("ENVOYX_AUTH_DB", "envoyx_startup_check_absent");
        env.put("ENVOYX_INVOICE_DB", "envoyx_startup_check_absent");
        env.put("ENVOYX_REDIS_KEY_PREFIX", "st-startup-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        env.put("ENVOYX_AUTH_HTTP_PORT", Integer.toString(Ports.freePort()));
        env.put("ENVOYX_AUTH_GRPC_PORT", Integer.toString(Ports.freePort()));
        env.put("ENVOYX_INVOICE_HTTP_PORT", Integer.toString(Ports.freePort()));
        env.put("ENVOYX_RATELIMIT_HTTP_PORT", Integer.toString(Ports.freePort()));
        env.put("ENVOYX_RATELIMIT_GRPC_PORT", Integer.toString(Ports.freePort()));
        env.put("ENVOYX_JWT_LOCAL_KEY_DIR", workDirectory.resolve("auth-keys").toString());
        env.put("ENVOYX_BLOB_DIR", workDirectory.resolve("blobs").toString());
        env.put("ENVOYX_UPLOAD_TMP_DIR", workDirectory.resolve("uploads").toString());
        env.put("ENVOYX_KEY_PEPPER", Fleet.randomSecret());
        env.put("ENVOYX_ADMIN_TOKEN", Fleet.randomSecret());
        env.put("ENVOYX_TRUST_PROXY", "true");
        env.put("ENVOYX_TRUSTED_PROXIES", "10.244.0.0/16");
        return env;
    }

    /** Starts the service's jar and waits until it either finished starting (then stops it) or exited. */
    static Outcome run(String service, Map<String, String> environment) throws IOException, InterruptedException {
        Path jar = ServiceSpec.named(service).runnableJar(LaunchedSuite.repositoryRoot());
        Path output = Files.createTempFile("startup-" + service + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Only what the test decided: a developer's own ENVOYX_* or QUARKUS_* settings must not leak in.
        builder.environment().keySet().removeIf(key -> key.startsWith("ENVOYX_") || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (text.contains(") started in ")) {
                    process.destroy();
                    process.waitFor(30, TimeUnit.SECONDS);
                    return new Outcome(true, -1, text);
                }
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    return new Outcome(false, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
                }
            }
            throw new AssertionError(service + " neither started nor exited within " + TIMEOUT + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(output);
        }
    }

    static Path workDirectory() throws IOException {
        return Files.createTempDirectory("envoyx-startup-");
    }

    static void delete(Path workDirectory) {
        Directories.deleteRecursively(workDirectory);
    }
}
