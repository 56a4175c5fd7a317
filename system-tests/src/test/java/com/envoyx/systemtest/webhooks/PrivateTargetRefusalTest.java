package com.envoyx.systemtest.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Private targets refused by a suite running as in production ({@code
 * ENVOYX_WEBHOOK_ALLOW_PRIVATE_TARGETS=false}), as a customer meets it through the API: literal
 * private, loopback, link-local and metadata addresses, names that resolve to loopback, and plain
 * http are refused when the endpoint is saved; a name that resolved to a public address when it was
 * saved and to 127.0.0.1 when the delivery is sent (DNS rebinding) gets no connection, and its
 * attempts say why. The rebinding is real name resolution in the service's JVM: it resolves from a
 * hosts file this test owns ({@code jdk.net.hosts.file}, with the address cache off), rewritten
 * between the save and the delivery, as a DNS server answering differently would.
 */
class PrivateTargetRefusalTest {

    private static final String REBOUND_NAME = "hooks.rebind.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void privateTargetsAreRefusedWhenSavedAndWhenDelivered() throws Exception {
        Path hosts = directory.resolve("hosts");
        String machine = InetAddress.getLocalHost().getHostName();
        String fixed = "127.0.0.1 localhost\n127.0.0.1 " + machine + "\n";
        // 203.0.113.10 (documentation range) is never connected to: the name is rebound before any delivery.
        writeAtomically(hosts, fixed + "203.0.113.10 " + REBOUND_NAME + "\n");

        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket receiver = new ServerSocket()) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> countConnections(receiver, connections), "private-target-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
            try (Fleet fleet = Fleet.start(Fleet.options()
                    .environment("ENVOYX_WEBHOOK_ALLOW_PRIVATE_TARGETS", "false")
                    .environment("ENVOYX_WEBHOOK_RETRY_SCHEDULE", "1s")
                    .environment("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts
                            + " -Dsun.net.inetaddr.ttl=0"))) {
                ServiceInstance invoice = fleet.invoice(0);
                SuiteClient client = fleet.client();
                String key = client.createKey(client.newAccountSession(), "Private targets").key();

                for (String url : List.of("https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://192.168.1.10/hook",
                        "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook",
                        "https://[fd00:ec2::254]/hook", "https://localhost/hook", "https://" + machine + "/hook")) {
                    HttpResponse<String> refused = createEndpoint(invoice, key, url);
                    JsonNode body = assertValidationError(refused, url);
                    assertTrue(body.path("message").asText().startsWith(
                            "url must not point at a private, loopback, link-local or reserved address ("), url + ": " + refused.body());
                }
                HttpResponse<String> plain = createEndpoint(invoice, key, "http://" + REBOUND_NAME + "/hook");
                assertEquals("url must use https.", assertValidationError(plain, "http").path("message").asText());

                HttpResponse<String> created = createEndpoint(invoice, key,
                        "https://" + REBOUND_NAME + ":" + receiver.getLocalPort() + "/hook");
                assertEquals(201, created.statusCode(), created.body());
                String id = SuiteClient.json(created.body()).path("data").path("id").asText();
                writeAtomically(hosts, fixed + "127.0.0.1 " + REBOUND_NAME + "\n");

                HttpResponse<String> test = send(invoice, key, "POST", "/api/v1/webhooks/" + id + "/test", "{}");
                assertEquals(202, test.statusCode(), test.body());
                JsonNode attempts = awaitFailed(invoice, key, id);
                assertEquals(2, attempts.size(), attempts.toString());
                for (JsonNode attempt : attempts) {
                    assertEquals("webhook.test", attempt.path("event").asText(), attempt.toString());
                    assertTrue(attempt.path("status_code").isNull(), attempt.toString());
                    assertEquals("The endpoint's host resolves to 127.0.0.1, a private, loopback, link-local or reserved "
                            + "address; deliveries go to public addresses only.", attempt.path("error").asText());
                }
                assertEquals(0, connections.get(), "the receiver on 127.0.0.1 was connected to");
            }
        }
    }

    private static JsonNode assertValidationError(HttpResponse<String> answer, String what) throws IOException {
        assertEquals(400, answer.statusCode(), what + ": " + answer.body());
        JsonNode body = SuiteClient.json(answer.body());
        assertEquals(false, body.path("success").asBoolean(true), what + ": " + answer.body());
        assertEquals(400, body.path("status").asInt(), what + ": " + answer.body());
        assertEquals("VALIDATION_ERROR", body.path("code").asText(), what + ": " + answer.body());
        return body;
    }

    /** The delivery log once the test event's last attempt is in and the delivery has failed. */
    private static JsonNode awaitFailed(ServiceInstance invoice, String key, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode attempts;
        do {
            HttpResponse<String> log = send(invoice, key, "GET", "/api/v1/webhooks/" + id + "/deliveries", null);
            assertEquals(200, log.statusCode(), log.body());
            attempts = SuiteClient.json(log.body()).path("data");
            if (attempts.size() >= 2 && attempts.findValuesAsText("delivery_state").contains("failed")) {
                return attempts;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the test event's attempts did not end failed: " + attempts);
    }

    private static void countConnections(ServerSocket receiver, AtomicInteger connections) {
        while (!receiver.isClosed()) {
            try (Socket ignored = receiver.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static HttpResponse<String> createEndpoint(ServiceInstance invoice, String key, String url)
            throws IOException, InterruptedException {
        return send(invoice, key, "POST", "/api/v1/webhooks", JSON.writeValueAsString(Map.of("url", url)));
    }

    /**
     * A new key's first use on a cold replica may miss its 1 s gRPC deadlines on a loaded machine
     * (503, by design; see SharedSuite): asked again for up to 30 s, as a customer would.
     */
    private static HttpResponse<String> send(ServiceInstance invoice, String key, String method, String path, String json)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(invoice.url() + path))
                    .timeout(Duration.ofSeconds(20)).header("X-API-Key", key).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                return answer;
            }
            Thread.sleep(250);
        }
    }
}
