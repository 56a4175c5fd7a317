package com.envoyx.systemtest.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Webhooks against the launched suite (issue 17), received by node: every event of an upload's
 * lifecycle verified by the public docs' Node.js check and by the {@code standardwebhooks} npm
 * library; a receiver failing twice gets the event on the third attempt with the same id; after
 * a rotation both secrets verify. The suite runs with one-second retry waits; the launcher allows
 * private targets, so the receiver on 127.0.0.1 works as in the quick start.
 */
class WebhookDeliveryTest {

    private static final long WAIT = 90_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private static LaunchedSuite suite;
    private static NodeWebhookReceiver receiver;
    private static String apiKey;

    @BeforeAll
    static void startSuiteAndReceiver() throws Exception {
        suite = LaunchedSuite.start(Map.of("ENVOYX_WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s"));
        SharedSuite.awaitFirstKeyExchange(suite);
        SuiteClient client = new SuiteClient(suite);
        apiKey = client.createKey(client.newAccountSession(), "Webhooks").key();
        receiver = new NodeWebhookReceiver(directory);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyLifecycleEventVerifiesWithTheDocsSampleAndTheStandardWebhooksLibrary() throws Exception {
        JsonNode ok = createEndpoint(receiver.url("/ok"));
        JsonNode failing = createEndpoint(receiver.url("/fail-twice"));
        receiver.verifyWith(Map.of("/ok", List.of(ok.path("secret").asText()),
                "/fail-twice", List.of(failing.path("secret").asText())));

        HttpResponse<String> upload = InvoiceUpload.send(suite.url("invoice"), apiKey, "webhook-lifecycle");
        assertEquals(201, upload.statusCode(), upload.body());
        String invoiceId = SuiteClient.json(upload.body()).path("data").path("id").asText();
        List<JsonNode> outcome = receiver.await(d -> d.path("path").asText().equals("/ok")
                && invoiceId.equals(d.path("invoice_id").asText())
                && List.of("invoice.processed", "invoice.flagged").contains(d.path("event").asText()), 1, WAIT);
        assertEquals(200, send("PATCH", "/api/v1/invoices/" + invoiceId + "/status", "{\"status\":\"APPROVED\"}").statusCode());
        receiver.await(d -> d.path("path").asText().equals("/ok") && invoiceId.equals(d.path("invoice_id").asText())
                && d.path("event").asText().equals("invoice.approved"), 1, WAIT);
        assertEquals(200, send("DELETE", "/api/v1/invoices/" + invoiceId, null).statusCode());
        receiver.await(d -> d.path("path").asText().equals("/ok") && invoiceId.equals(d.path("invoice_id").asText())
                && d.path("event").asText().equals("invoice.deleted"), 1, WAIT);

        // Deliveries are not ordered (each is its own attempt, possibly on another replica): compared as a set.
        List<JsonNode> lifecycle = receiver.deliveries(d -> d.path("path").asText().equals("/ok")
                && invoiceId.equals(d.path("invoice_id").asText()));
        assertEquals(Set.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.validated",
                "invoice.processed", "invoice.approved", "invoice.deleted"),
                lifecycle.stream().map(d -> d.path("event").asText()).collect(Collectors.toSet()));
        assertEquals(7, lifecycle.size(), "each event once: " + lifecycle);
        for (JsonNode delivery : lifecycle) {
            assertVerified(delivery, 0);
            assertEquals(delivery.path("id").asText(), delivery.path("webhook_id").asText());
        }

        // The endpoint that fails twice: each event arrives three times with one id, the third answered 200.
        List<JsonNode> uploaded = receiver.await(d -> d.path("path").asText().equals("/fail-twice")
                && invoiceId.equals(d.path("invoice_id").asText()) && d.path("event").asText().equals("invoice.uploaded"),
                3, WAIT);
        assertEquals(3, uploaded.size());
        assertEquals(1, uploaded.stream().map(d -> d.path("id").asText()).distinct().count());
        assertEquals(List.of(500, 500, 200), uploaded.stream().map(d -> d.path("answered").asInt()).toList());
        uploaded.forEach(d -> assertVerified(d, 0));
    }

    @Test
    void afterARotationTheOldAndTheNewSecretBothVerify() throws Exception {
        JsonNode endpoint = createEndpoint(receiver.url("/rotated"));
        String id = endpoint.path("id").asText();
        String oldSecret = endpoint.path("secret").asText();
        HttpResponse<String> rotated = send("POST", "/api/v1/webhooks/" + id + "/rotate-secret", null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String newSecret = SuiteClient.json(rotated.body()).path("data").path("secret").asText();
        receiver.verifyWith(Map.of("/rotated", List.of(newSecret, oldSecret)));

        HttpResponse<String> test = send("POST", "/api/v1/webhooks/" + id + "/test", null);
        assertEquals(202, test.statusCode(), test.body());
        String eventId = SuiteClient.json(test.body()).path("data").path("event_id").asText();
        JsonNode delivery = receiver.await(d -> eventId.equals(d.path("id").asText()), 1, WAIT).get(0);
        assertEquals("webhook.test", delivery.path("event").asText());
        assertTrue(delivery.path("round_trips").asBoolean(), delivery.toString());
        assertTrue(delivery.path("docs_sample").get(0).asBoolean(), "the docs' sample with the new secret: " + delivery);
        assertTrue(delivery.path("standard_webhooks").get(0).asBoolean(), "standardwebhooks, new secret: " + delivery);
        assertTrue(delivery.path("standard_webhooks").get(1).asBoolean(), "standardwebhooks, old secret: " + delivery);
    }

    private static void assertVerified(JsonNode delivery, int secret) {
        assertTrue(delivery.path("round_trips").asBoolean(), "JSON.stringify(JSON.parse(body)) changed it: " + delivery);
        assertTrue(delivery.path("docs_sample").get(secret).asBoolean(), "the docs' Node.js sample refused " + delivery);
        assertTrue(delivery.path("standard_webhooks").get(secret).asBoolean(), "standardwebhooks refused " + delivery);
    }

    private static JsonNode createEndpoint(String url) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/webhooks", "{\"url\":\"" + url + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return SuiteClient.json(created.body()).path("data");
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.url("invoice") + path))
                .timeout(Duration.ofSeconds(20))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
