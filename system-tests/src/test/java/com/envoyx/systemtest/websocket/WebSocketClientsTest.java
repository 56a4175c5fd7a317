package com.envoyx.systemtest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.envoyx.systemtest.support.EventSocket;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.SeedBodies;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.envoyx.systemtest.websocket.PythonClient.KeyIn;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * invoice-service's WebSocket API against the launched suite, from outside clients: Python's
 * websockets library (Debian's python3-websockets) for the documented protocol and refusals, the
 * JDK's client for revocation.
 */
class WebSocketClientsTest {

    private static LaunchedSuite suite;
    private static SuiteClient client;

    @BeforeAll
    static void suite() throws Exception {
        suite = SharedSuite.get();
        client = new SuiteClient(suite);
    }

    @ParameterizedTest
    @EnumSource(value = KeyIn.class, names = {"HEADER", "QUERY"})
    void pythonClientGetsPongThenTheLifecycleOfItsUploadInOrder(KeyIn keyIn) throws Exception {
        String key = client.createKey(client.newAccountSession(), "Python listener " + keyIn).key();

        try (PythonClient python = PythonClient.listen(invoiceUrl(), key, keyIn)) {
            assertEquals("{\"event\":\"pong\"}", python.next(), python.errors());

            HttpResponse<String> upload = InvoiceUpload.send(invoiceUrl(), key, "ws-" + keyIn);
            assertEquals(201, upload.statusCode(), upload.body());
            String id = SuiteClient.json(upload.body()).path("data").path("id").asText();

            List<JsonNode> events = python.eventsOf(id, "invoice.processed");
            assertEquals(List.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.validated",
                            "invoice.processed"),
                    events.stream().map(event -> event.path("event").asText()).toList(), events.toString());
            assertEquals(List.of("PENDING", "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSED"),
                    events.stream().map(event -> event.path("data").path("status").asText()).toList());
            events.forEach(event -> assertTrue(event.path("data").hasNonNull("timestamp"), event.toString()));

            JsonNode invoice = SuiteClient.json(SuiteClient.get(invoiceUrl() + "/api/v1/invoices/" + id,
                    Map.of("X-API-Key", key)).body()).path("data");
            assertEquals("PROCESSED", invoice.path("status").asText(), invoice.toString());
            assertTrue(invoice.path("extracted").path("pdf").path("has_text_layer").asBoolean(), invoice.toString());
            assertEquals(SamplePdf.number("ws-" + keyIn), invoice.at("/extracted/fields/invoice_number/value").asText(),
                    invoice.toString());
            assertTrue(invoice.hasNonNull("processed_at"), invoice.toString());
        }
    }

    @Test
    void upgradesWithoutAValidKeyAreRefusedWithTheDocumentedBodies() throws Exception {
        JsonNode missing = PythonClient.upgradeAnswer(invoiceUrl(), null, KeyIn.NONE);
        assertEquals(401, missing.path("status").asInt(), missing.toString());
        assertEquals(SuiteClient.json(SeedBodies.MISSING_API_KEY), SuiteClient.json(missing.path("body").asText()));

        String session = client.newAccountSession();
        CreatedKey revoked = client.createKey(session, "Revoked before connecting");
        client.revokeKey(session, revoked.id());
        for (String key : List.of("not-a-key", "envx_live_0000000000000000000000000000000000000", revoked.key())) {
            for (KeyIn keyIn : List.of(KeyIn.HEADER, KeyIn.QUERY)) {
                JsonNode refused = PythonClient.upgradeAnswer(invoiceUrl(), key, keyIn);
                assertEquals(403, refused.path("status").asInt(), keyIn + " " + refused);
                assertEquals(SuiteClient.json(SeedBodies.INVALID_API_KEY), SuiteClient.json(refused.path("body").asText()),
                        keyIn + " " + key);
            }
        }
    }

    @Test
    void revokingTheKeyClosesItsSocketWith4403WithinASecond() throws Exception {
        String session = client.newAccountSession();
        CreatedKey doomed = client.createKey(session, "Revoked while connected");
        CreatedKey kept = client.createKey(session, "Stays connected");

        try (EventSocket revokedSocket = EventSocket.open(invoiceUrl(), doomed.key());
             EventSocket survivor = EventSocket.open(invoiceUrl(), kept.key())) {
            revokedSocket.pingPong();
            survivor.pingPong();

            client.revokeKey(session, doomed.id());
            long revokedAt = System.nanoTime();

            EventSocket.Closed closed = revokedSocket.awaitClose();
            assertEquals(4403, closed.code());
            Duration took = Duration.ofNanos(closed.atNanos() - revokedAt);
            assertTrue(took.toMillis() < 1000, "closed " + took.toMillis() + " ms after auth-service confirmed the revocation");
            survivor.pingPong();
        }
    }

    private static String invoiceUrl() {
        return suite.url("invoice");
    }
}
