package com.envoyx.systemtest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.envoyx.infra.DatabaseProvisioner;
import com.envoyx.infra.Directories;
import com.envoyx.infra.InfraSettings;
import com.envoyx.infra.Ports;
import com.envoyx.infra.mail.Mailbox;
import com.envoyx.infra.PostgresEndpoint;
import com.envoyx.infra.testing.TestDatabases;

/**
 * The whole suite started the way a newcomer starts it: {@code deploy/local/up.sh}, on free
 * ports, with a Redis key prefix and work directory of its own. Keeps the launcher's output for
 * assertions and failure messages.
 */
public final class LaunchedSuite implements AutoCloseable {

    private static final Pattern INFRA_LINE = Pattern.compile(
            "PostgreSQL (embedded|external) at ([\\w.]+):(\\d+), Redis (embedded|external) at ([\\w.]+):(\\d+)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Process launcher;
    private final Map<String, String> environment;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Path workDirectory;

    private LaunchedSuite(Process launcher, Map<String, String> environment, Path workDirectory) {
        this.launcher = launcher;
        this.environment = environment;
        this.workDirectory = workDirectory;
    }

    /** Starts the suite and returns once it printed that every service is ready. */
    public static LaunchedSuite start(Map<String, String> extraEnvironment) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path workDirectory = Files.createTempDirectory("envoyx-suite-");
        Map<String, String> environment = new HashMap<>();
        environment.put("ENVOYX_AUTH_HTTP_PORT", Integer.toString(Ports.freePort()));
        environment.put("ENVOYX_AUTH_GRPC_PORT", Integer.toString(Ports.freePort()));
        environment.put("ENVOYX_RATELIMIT_HTTP_PORT", Integer.toString(Ports.freePort()));
        environment.put("ENVOYX_RATELIMIT_GRPC_PORT", Integer.toString(Ports.freePort()));
        environment.put("ENVOYX_INVOICE_HTTP_PORT", Integer.toString(Ports.freePort()));
        environment.put("ENVOYX_REDIS_KEY_PREFIX", "st-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        environment.put("ENVOYX_WORK_DIR", workDirectory.toString());
        // The Maven build running these tests has just packaged every service.
        environment.put("ENVOYX_BUILD", "never");
        environment.put("ENVOYX_AUTH_DB", TestDatabases.newName("envoyx_auth"));
        environment.put("ENVOYX_INVOICE_DB", TestDatabases.newName("envoyx_invoice"));
        // The launcher's local mail server, on ports of this suite's own (several suites run at once).
        environment.put("ENVOYX_LOCAL_SMTP_PORT", Integer.toString(Ports.freePort()));
        environment.put("ENVOYX_LOCAL_IMAP_PORT", Integer.toString(Ports.freePort()));
        // Every test signs up from the loopback address; the sign-up budget has tests of its own.
        environment.put("ENVOYX_SIGNUP_MAX_PER_ADDRESS", "100000");
        environment.put("ENVOYX_SIGNUP_MAX_GLOBAL", "100000");
        environment.putAll(extraEnvironment);

        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("deploy/local/up.sh").toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        LaunchedSuite suite = new LaunchedSuite(builder.start(), environment, workDirectory);
        suite.collectOutput();
        try {
            suite.awaitLine("envoyx: all services are ready.", READY_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    public static Path repositoryRoot() {
        String fromBuild = System.getenv("ENVOYX_REPO_ROOT");
        return (fromBuild != null ? Path.of(fromBuild) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** Keeps every line for assertions, and in target/ for a person reading a failure. */
    private void collectOutput() throws IOException {
        Path logs = Path.of("target", "suite-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("suite-" + launcher.pid() + ".log");
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
                 var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    file.write(line);
                    file.newLine();
                    file.flush();
                }
            } catch (IOException e) {
                output.add("[output closed: " + e + "]");
            }
        }, "suite-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void awaitLine(String expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (contains(expected)) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("launcher exited with " + launcher.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("suite not ready within " + timeout + ":\n" + tail());
    }

    public boolean contains(String text) {
        synchronized (output) {
            return output.stream().anyMatch(line -> line.contains(text));
        }
    }

    public String tail() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 80), output.size()));
        }
    }

    public String allOutput() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    public String url(String service) {
        String variable = switch (service) {
            case "auth" -> "ENVOYX_AUTH_HTTP_PORT";
            case "ratelimit" -> "ENVOYX_RATELIMIT_HTTP_PORT";
            case "invoice" -> "ENVOYX_INVOICE_HTTP_PORT";
            default -> throw new IllegalArgumentException(service);
        };
        return "http://127.0.0.1:" + environment.get(variable);
    }

    /** The inbox of an address at the launcher's local mail server, read over IMAP. */
    public Mailbox mailbox(String address) {
        return new Mailbox("127.0.0.1", port("ENVOYX_LOCAL_IMAP_PORT"), address);
    }

    public int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** Embedded servers take their databases with them; the machine's server keeps them unless dropped. */
    private void dropDatabasesOnExternalServer() {
        infrastructureLine().filter(line -> line.group(1).equals("external")).ifPresent(line -> {
            InfraSettings settings = InfraSettings.fromEnvironment();
            PostgresEndpoint postgres = new PostgresEndpoint(line.group(2), Integer.parseInt(line.group(3)),
                    settings.postgresUser(), settings.postgresPassword(), false);
            DatabaseProvisioner.dropDatabase(postgres, environment.get("ENVOYX_AUTH_DB"));
            DatabaseProvisioner.dropDatabase(postgres, environment.get("ENVOYX_INVOICE_DB"));
        });
    }

    /** The infrastructure the launcher reported, as {@code [pgKind, pgHost, pgPort, redisKind, redisHost, redisPort]}. */
    public Optional<Matcher> infrastructureLine() {
        synchronized (output) {
            for (String line : output) {
                Matcher matcher = INFRA_LINE.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
        }
        return Optional.empty();
    }

    /** Every process the launcher started that is still running. */
    public List<ProcessHandle> descendants() {
        return launcher.descendants().toList();
    }

    /**
     * SIGTERM, as a terminal's Ctrl-C or Kubernetes would send; waits for the launcher to finish
     * stopping everything and returns its exit code (143 = ended by SIGTERM after its shutdown hook).
     */
    public int stop(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output.
        launcher.toHandle().destroy();
        if (!launcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            throw new IllegalStateException("launcher did not stop within " + timeout + ":\n" + tail());
        }
        return launcher.exitValue();
    }

    @Override
    public void close() {
        if (launcher.isAlive()) {
            try {
                stop(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dropDatabasesOnExternalServer();
        Directories.deleteRecursively(workDirectory);
    }
}
