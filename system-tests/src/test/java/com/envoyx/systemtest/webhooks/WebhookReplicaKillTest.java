package com.envoyx.systemtest.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A receiver that is down (slow 503s, so deliveries are in flight) while replica A, which took
 * the uploads, is SIGKILLed; once the receiver is back, replica B has delivered every event of
 * every upload, each with one id (a repeat only ever repeats an id).
 */
class WebhookReplicaKillTest {

    private static final int UPLOADS = 4;
    private static final long WAIT = 180_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Received(String id, String event, String invoiceId, int answered) {
    }

    @Test
    void everyEventArrivesAfterAReplicaIsKilledMidDelivery() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicBoolean up = new AtomicBoolean();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/hook", exchange -> {
            JsonNode body = SuiteClient.json(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = 200;
            if (!up.get()) {
                sleep(1500);
                status = 503;
            }
            received.add(new Received(body.path("id").asText(), body.path("event").asText(),
                    body.path("data").path("id").asText(), status));
            exchange.sendResponseHeaders(status, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        receiver.start();
        String retries = String.join(",", Collections.nCopies(60, "1s"));
        try (Fleet fleet = Fleet.start(Fleet.options().invoiceReplicas(2)
                .environment("ENVOYX_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")
                .environment("ENVOYX_WEBHOOK_RETRY_SCHEDULE", retries)
                .environment("ENVOYX_WEBHOOK_LEASE_DURATION", "10s")
                .environment("ENVOYX_PROCESSING_LEASE", "5s"))) {
            ServiceInstance dying = fleet.invoice(0);
            ServiceInstance survivor = fleet.invoice(1);
            SuiteClient client = fleet.client();
            String key = client.createKey(client.newAccountSession(), "Webhooks across a kill").key();
            HttpResponse<String> created = post(dying, key, "/api/v1/webhooks",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertEquals(201, created.statusCode(), created.body());

            List<String> invoices = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                HttpResponse<String> upload = InvoiceUpload.send(dying.url(), key, "kill-" + i);
                assertEquals(201, upload.statusCode(), upload.body());
                invoices.add(SuiteClient.json(upload.body()).path("data").path("id").asText());
            }
            awaitCount(received, r -> true, UPLOADS);
            dying.kill();
            up.set(true);

            long deadline = System.currentTimeMillis() + WAIT;
            while (delivered(received, invoices).size() < UPLOADS * 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            Map<String, Set<String>> deliveredEvents = delivered(received, invoices);
            assertEquals(UPLOADS * 5, deliveredEvents.size(), "every invoice's uploaded, processing, extracted, validated and outcome event "
                    + "answered 200: " + deliveredEvents.keySet() + " of " + received);
            Map<String, String> eventOfId = new HashMap<>();
            for (Received r : received) {
                String what = r.invoiceId() + "/" + r.event();
                String before = eventOfId.putIfAbsent(r.id(), what);
                assertTrue(before == null || before.equals(what), "one id, two events: " + r.id());
            }
            deliveredEvents.forEach((what, ids) -> assertEquals(1, ids.size(), what + " arrived with ids " + ids));
            assertTrue(survivor.isRunning());
        } finally {
            receiver.stop(0);
        }
    }

    /** "invoice/event" -> the ids it arrived with, of the events answered 200. */
    private static Map<String, Set<String>> delivered(List<Received> received, List<String> invoices) {
        Map<String, Set<String>> events = new HashMap<>();
        for (Received r : received) {
            if (r.answered() == 200 && invoices.contains(r.invoiceId())
                    && List.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.validated",
                    "invoice.processed", "invoice.flagged", "invoice.failed").contains(r.event())) {
                events.computeIfAbsent(r.invoiceId() + "/" + r.event(), k -> new HashSet<>()).add(r.id());
            }
        }
        // An id answered 200 may also have arrived earlier and been refused: that is the retry, not a duplicate event.
        for (Received r : received) {
            Set<String> ids = events.get(r.invoiceId() + "/" + r.event());
            if (ids != null) {
                ids.add(r.id());
            }
        }
        return events;
    }

    private static void awaitCount(List<Received> received, Predicate<Received> which, int count)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT;
        while (received.stream().filter(which).count() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the receiver got " + received);
            }
            Thread.sleep(100);
        }
    }

    /**
     * A new key's first use on a cold replica may miss its 1 s gRPC deadlines on a loaded machine
     * (503, by design; see SharedSuite): asked again for up to 30 s, as a customer would.
     */
    private static HttpResponse<String> post(ServiceInstance replica, String key, String path, String json)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + path))
                    .timeout(Duration.ofSeconds(20)).header("X-API-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                return answer;
            }
            Thread.sleep(250);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
