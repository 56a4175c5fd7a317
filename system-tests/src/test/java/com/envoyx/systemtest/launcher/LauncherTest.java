package com.envoyx.systemtest.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.Ports;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * {@code deploy/local/up.sh} as a newcomer runs it: every service becomes ready, the environment
 * reaches the services, and Ctrl-C (SIGTERM) leaves no process, port or embedded data behind.
 */
class LauncherTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final int EXIT_AFTER_SIGTERM = 143;

    @Test
    void embeddedInfrastructureStartsEverythingAndLeavesNothingBehind() throws Exception {
        String marker = "passthrough-" + UUID.randomUUID();
        LaunchedSuite suite = LaunchedSuite.start(Map.of(
                "ENVOYX_INFRA", "embedded",
                // Any setting reaches the services as an environment variable.
                "QUARKUS_SMALLRYE_OPENAPI_INFO_VERSION", marker));
        try {
            Matcher infra = suite.infrastructureLine().orElseThrow(() -> new AssertionError(suite.tail()));
            assertEquals("embedded", infra.group(1));
            assertEquals("embedded", infra.group(4));
            int postgresPort = Integer.parseInt(infra.group(3));
            int redisPort = Integer.parseInt(infra.group(6));
            assertTrue(postgresPort != 5432 && redisPort != 6379, "embedded servers must not take the default ports");

            assertEveryServiceReady(suite);
            assertTrue(get(suite.url("auth") + "/q/openapi?format=json").body().contains(marker),
                    "the launcher's environment did not reach auth-service");
            assertAnUploadIsStored(suite);

            List<ProcessHandle> started = suite.descendants();
            assertTrue(started.size() >= 3, "expected at least the three services, saw " + started.size());

            assertEquals(EXIT_AFTER_SIGTERM, suite.stop(STOP_TIMEOUT), suite.tail());
            assertTrue(suite.contains("envoyx: stopped"), suite.tail());

            assertNothingLeft(suite, started);
            assertFalse(Ports.answers("127.0.0.1", postgresPort, Duration.ofMillis(300)), "embedded PostgreSQL still runs");
            assertFalse(Ports.answers("127.0.0.1", redisPort, Duration.ofMillis(300)), "embedded Redis still runs");
            try (Stream<?> left = Files.list(suite.workDirectory())) {
                assertEquals(0, left.count(), "embedded data left in " + suite.workDirectory());
            }
        } finally {
            suite.close();
        }
    }

    @Test
    void machineServersAreUsedWhenTheyAnswer() throws Exception {
        LaunchedSuite suite = LaunchedSuite.start(Map.of("ENVOYX_INFRA", "auto"));
        try {
            Matcher infra = suite.infrastructureLine().orElseThrow(() -> new AssertionError(suite.tail()));
            boolean machinePostgres = Ports.answers("127.0.0.1", 5432, Duration.ofMillis(300));
            boolean machineRedis = Ports.answers("127.0.0.1", 6379, Duration.ofMillis(300));
            assertEquals(machinePostgres ? "external" : "embedded", infra.group(1));
            assertEquals(machineRedis ? "external" : "embedded", infra.group(4));

            assertEveryServiceReady(suite);
            List<ProcessHandle> started = suite.descendants();

            assertEquals(EXIT_AFTER_SIGTERM, suite.stop(STOP_TIMEOUT), suite.tail());
            assertTrue(suite.contains("envoyx: stopped"), suite.tail());

            assertNothingLeft(suite, started);
            if (machinePostgres) {
                assertTrue(Ports.answers("127.0.0.1", 5432, Duration.ofMillis(300)), "the launcher stopped the machine's PostgreSQL");
            }
            if (machineRedis) {
                assertTrue(Ports.answers("127.0.0.1", 6379, Duration.ofMillis(300)), "the launcher stopped the machine's Redis");
            }
        } finally {
            suite.close();
        }
    }

    private static void assertEveryServiceReady(LaunchedSuite suite) throws IOException, InterruptedException {
        for (String service : List.of("auth", "ratelimit", "invoice")) {
            HttpResponse<String> ready = get(suite.url(service) + "/q/health/ready");
            assertEquals(200, ready.statusCode(), service + ": " + ready.body());
        }
    }

    /** The whole chain works on embedded servers, and leaves an invoice file in the work directory. */
    private static void assertAnUploadIsStored(LaunchedSuite suite) throws Exception {
        SuiteClient client = new SuiteClient(suite);
        String key = client.createKey(client.newAccountSession(), "Embedded Check").key();
        HttpResponse<String> uploaded = InvoiceUpload.send(suite.url("invoice"), key, "embedded");
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        try (Stream<Path> files = Files.walk(suite.workDirectory().resolve("blobs"))) {
            assertTrue(files.anyMatch(Files::isRegularFile), "no invoice file under the work directory");
        }
    }

    private static void assertNothingLeft(LaunchedSuite suite, List<ProcessHandle> started) {
        for (ProcessHandle process : started) {
            assertFalse(process.isAlive(), "left running: " + process.info().commandLine().orElse("pid " + process.pid()));
        }
        for (String variable : List.of("ENVOYX_AUTH_HTTP_PORT", "ENVOYX_AUTH_GRPC_PORT", "ENVOYX_RATELIMIT_HTTP_PORT",
                "ENVOYX_RATELIMIT_GRPC_PORT", "ENVOYX_INVOICE_HTTP_PORT")) {
            assertFalse(Ports.answers("127.0.0.1", suite.port(variable), Duration.ofMillis(300)), variable + " still answers");
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
