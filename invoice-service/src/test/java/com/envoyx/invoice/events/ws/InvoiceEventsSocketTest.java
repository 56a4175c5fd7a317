package com.envoyx.invoice.events.ws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.infra.testing.CapturedLogs;
import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventMessage;
import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.events.service.InvoiceEventChannels;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.repository.InvoiceRepository;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.OnVertx;
import com.envoyx.invoice.testing.TestPdfs;
import com.envoyx.invoice.testing.TestSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The WebSocket API against the real auth-service, ratelimit-service, PostgreSQL and Redis, with the JDK's client. */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
class InvoiceEventsSocketTest {

    private static final String MISSING_BODY = "{\"success\":false,\"status\":401,\"code\":\"MISSING_API_KEY\","
            + "\"message\":\"API key is required. Include it in the X-API-Key header.\"}";
    private static final String INVALID_BODY = "{\"success\":false,\"status\":403,\"code\":\"INVALID_API_KEY\","
            + "\"message\":\"The provided API key is invalid or has been revoked.\"}";
    private static final String RATE_LIMITED_BODY = "\\{\"success\":false,\"status\":429,\"code\":\"RATE_LIMIT_EXCEEDED\","
            + "\"message\":\"Too many requests\\. Please try again later\\.\",\"data\":\\{\"retry_after\":\\d+}}";

    @TestHTTPResource("/api/v1/ws")
    URI http;
    @Inject
    RedisDataSource redis;
    @Inject
    InvoiceEventChannels channels;
    @Inject
    ObjectMapper json;
    @Inject
    InvoiceRepository invoices;
    @Inject
    MeterRegistry metrics;

    @Test
    void pingIsAnsweredWithTheKeyInTheHeaderOrInTheQuery() {
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Socket");
        try (TestSocket byHeader = TestSocket.open(ws(), Map.of("X-API-Key", key.key()));
             TestSocket byQuery = TestSocket.open(ws(key.key()), Map.of())) {
            for (TestSocket socket : List.of(byHeader, byQuery)) {
                socket.send("ping");
                assertEquals("{\"event\":\"pong\"}", socket.next());
                socket.send("something else");
                socket.send("ping");
                assertEquals("{\"event\":\"pong\"}", socket.next(), "anything but ping is ignored");
            }
        }
    }

    @Test
    void refusedUpgradesAnswerLikeEveryOtherRequest() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey revoked = account.createKey("Revoked");
        account.revoke(revoked.id());
        LiveServices.CreatedKey writer = account.createKey("Writer", List.of("invoices:write"));
        String unknown = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());

        upgrade().get("/api/v1/ws").then().statusCode(401).body(equalTo(MISSING_BODY));
        upgrade().queryParam("api_key", "").get("/api/v1/ws").then().statusCode(401).body(equalTo(MISSING_BODY));
        upgrade().header("X-API-Key", "envx_live_nonsense").get("/api/v1/ws").then().statusCode(403).body(equalTo(INVALID_BODY));
        upgrade().queryParam("api_key", unknown).get("/api/v1/ws").then().statusCode(403).body(equalTo(INVALID_BODY));
        upgrade().header("X-API-Key", revoked.key()).get("/api/v1/ws").then().statusCode(403).body(equalTo(INVALID_BODY));
        upgrade().header("X-API-Key", writer.key()).get("/api/v1/ws").then().statusCode(403)
                .body("code", equalTo("INSUFFICIENT_SCOPE"));

        assertEquals(401, TestSocket.refusal(ws(), Map.of()));
        assertEquals(403, TestSocket.refusal(ws(revoked.key()), Map.of()));
    }

    @Test
    void uploadDecisionAndDeleteArriveAsEvents() {
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Events");
        try (TestSocket socket = TestSocket.open(ws(key.key()), Map.of())) {
            String id = given().header("X-API-Key", key.key()).multiPart("file", "a.pdf", TestPdfs.minimal(), "application/pdf")
                    .when().post("/api/v1/invoices/upload").then().statusCode(201).extract().path("data.id");
            JsonNode uploaded = event(socket.next(), "invoice.uploaded", id, "PENDING");

            OnVertx.await(() -> Panache.withTransaction(() -> invoices.findById(UUID.fromString(id))
                    .invoke(invoice -> invoice.status = InvoiceStatus.PROCESSED)));
            given().header("X-API-Key", key.key()).contentType("application/json").body(Map.of("status", "APPROVED"))
                    .when().patch("/api/v1/invoices/" + id + "/status").then().statusCode(200);
            JsonNode approved = event(socket.next(), "invoice.approved", id, "APPROVED");
            assertFalse(Instant.parse(approved.at("/data/timestamp").asText())
                    .isBefore(Instant.parse(uploaded.at("/data/timestamp").asText())));

            given().header("X-API-Key", key.key()).when().delete("/api/v1/invoices/" + id).then().statusCode(200);
            event(socket.next(), "invoice.deleted", id, "APPROVED");

            given().header("X-API-Key", key.key()).header("Idempotency-Key", "once")
                    .multiPart("file", "b.pdf", TestPdfs.minimal(), "application/pdf")
                    .when().post("/api/v1/invoices/upload").then().statusCode(201);
            event(socket.next(), "invoice.uploaded", null, "PENDING");
            given().header("X-API-Key", key.key()).header("Idempotency-Key", "once")
                    .multiPart("file", "b.pdf", TestPdfs.minimal(), "application/pdf")
                    .when().post("/api/v1/invoices/upload").then().statusCode(201).header("Idempotent-Replayed", "true");
            // The replay's event, had there been one, was published a whole request before this upload's.
            String third = upload(key.key());
            event(socket.next(), "invoice.uploaded", third, "PENDING");
        }
    }

    @Test
    void aKeyReceivesOnlyItsOwnAccountsEvents() {
        LiveServices.CreatedKey first = LiveServicesResource.services().newAccount().createKey("First");
        LiveServices.CreatedKey second = LiveServicesResource.services().newAccount().createKey("Second");
        try (TestSocket firstSocket = TestSocket.open(ws(first.key()), Map.of());
             TestSocket secondSocket = TestSocket.open(ws(second.key()), Map.of())) {
            String firstInvoice = upload(first.key());
            event(firstSocket.next(), "invoice.uploaded", firstInvoice, "PENDING");
            // Delivered to the first socket, so any copy for the second would have arrived before the second's own.
            String secondInvoice = upload(second.key());
            event(secondSocket.next(), "invoice.uploaded", secondInvoice, "PENDING");
        }
    }

    @Test
    void anEventPublishedByAnotherReplicaReachesTheSocket() {
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Replicas");
        UUID account = UUID.fromString(given().header("X-API-Key", key.key()).get("/api/v1/me").path("data.account_id"));
        try (TestSocket socket = TestSocket.open(ws(), Map.of("X-API-Key", key.key()))) {
            UUID invoice = UUID.randomUUID();
            InvoiceEvent failed = new InvoiceEvent(InvoiceEventType.FAILED, account, invoice, InvoiceStatus.FAILED,
                    Instant.parse("2026-11-27T10:15:30.123456Z"), "not a readable invoice");
            // Exactly what a replica's publisher sends: the same channel, the same serialisation.
            redis.pubsub(String.class).publish(channels.of(account), InvoiceEventMessage.of(failed).toJson(json));
            assertEquals("{\"event\":\"invoice.failed\",\"data\":{\"id\":\"" + invoice + "\",\"status\":\"FAILED\","
                    + "\"timestamp\":\"2026-11-27T10:15:30.123456Z\",\"error_message\":\"not a readable invoice\"}}",
                    socket.next());
        }
    }

    @Test
    void theSixthConnectionOfAKeyIsRefusedUntilOneCloses() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Five sockets");
        List<TestSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(TestSocket.open(ws(key.key()), Map.of()));
            }
            Response refused = upgrade().header("X-API-Key", key.key()).get("/api/v1/ws");
            refused.then().statusCode(429).header("Retry-After", matchesPattern("\\d+")).body(matchesPattern(RATE_LIMITED_BODY));
            assertEquals(refused.header("Retry-After"), refused.path("data.retry_after").toString());
            assertEquals(429, TestSocket.refusal(ws(key.key()), Map.of()));

            open.remove(0).close();
            open.add(retryUntilOpen(key.key()));
        } finally {
            open.forEach(TestSocket::close);
        }
    }

    @Test
    void aKeysConnectionLimitCanBeRaised() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Seven sockets");
        account.setLimitsAndAwait(key, Map.of("websocket_connections", 7));
        List<TestSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 7; i++) {
                open.add(TestSocket.open(ws(key.key()), Map.of()));
            }
            assertEquals(429, TestSocket.refusal(ws(key.key()), Map.of()));
            // A limit change is not a revocation: the open sockets stay.
            account.setLimitsAndAwait(key, Map.of("websocket_connections", 8));
            open.get(0).send("ping");
            assertEquals("{\"event\":\"pong\"}", open.get(0).next());
        } finally {
            open.forEach(TestSocket::close);
        }
    }

    @Test
    void revokingTheKeyClosesItsSocketsWithinASecond() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Revoked while open");
        LiveServices.CreatedKey other = account.createKey("Stays");
        try (TestSocket doomed = TestSocket.open(ws(key.key()), Map.of());
             TestSocket survivor = TestSocket.open(ws(other.key()), Map.of())) {
            long revokedAt = System.nanoTime();
            account.revoke(key.id());
            assertEquals(4403, doomed.awaitClose());
            long took = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();
            assertTrue(took < 1000, "closed " + took + " ms after the revocation");
            survivor.send("ping");
            assertEquals("{\"event\":\"pong\"}", survivor.next());
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedInsteadOfBufferedWithoutBound() {
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Slow reader");
        UUID account = UUID.fromString(given().header("X-API-Key", key.key()).get("/api/v1/me").path("data.account_id"));
        double closedBefore = slowConsumerCloses();
        // Big messages only fill the kernel's socket buffers sooner; the bound counts messages.
        String padding = "x".repeat(32 * 1024);
        String message = "{\"event\":\"invoice.processed\",\"data\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"status\":\"PROCESSED\",\"timestamp\":\"2026-11-27T10:15:30Z\",\"padding\":\"" + padding + "\"}}";
        int published = 0;
        try (TestSocket socket = TestSocket.openPaused(ws(key.key()), Map.of())) {
            while (slowConsumerCloses() == closedBefore) {
                assertTrue(published < 20_000, "no slow-consumer close after " + published + " messages");
                for (int i = 0; i < 50; i++) {
                    redis.pubsub(String.class).publish(channels.of(account), message);
                }
                published += 50;
            }
            socket.resume();
            assertEquals(4008, socket.awaitClose());
            assertTrue(socket.pending() < published, socket.pending() + " of " + published + " delivered");
        }
    }

    @Test
    void theApiKeyInTheQueryNeverReachesTheLog() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Quiet");
        LiveServices.CreatedKey revoked = account.createKey("Quiet but revoked");
        account.revoke(revoked.id());
        try (CapturedLogs logs = new CapturedLogs()) {
            try (TestSocket socket = TestSocket.open(ws(key.key()), Map.of())) {
                socket.send("ping");
                socket.next();
            }
            assertEquals(403, TestSocket.refusal(ws(revoked.key()), Map.of()));
            upgrade().queryParam("api_key", revoked.key()).get("/api/v1/ws").then().statusCode(403);
            String text = logs.text();
            assertTrue(text.contains("/api/v1/ws"), "the access log is on in tests and must show the path:\n" + text);
            for (String secret : List.of(key.key(), revoked.key(), "api_key=")) {
                assertFalse(text.contains(secret), "the log holds " + secret + ":\n" + text);
            }
        }
    }

    private double slowConsumerCloses() {
        Counter counter = metrics.find("envoyx.websocket.closed").tag("reason", "slow_consumer").counter();
        return counter == null ? 0 : counter.count();
    }

    private TestSocket retryUntilOpen(String key) {
        for (int attempt = 0; ; attempt++) {
            try {
                return TestSocket.open(ws(key), Map.of());
            } catch (CompletionException e) {
                if (attempt == 50) {
                    throw new AssertionError("the closed socket's slot was not freed", e);
                }
                sleep(100);
            }
        }
    }

    private static String upload(String key) {
        return given().header("X-API-Key", key).multiPart("file", "a.pdf", TestPdfs.minimal(), "application/pdf")
                .when().post("/api/v1/invoices/upload").then().statusCode(201).extract().path("data.id");
    }

    /** Parses an event and checks its name, invoice id (when given) and status; returns it. */
    private JsonNode event(String text, String name, String invoiceId, String status) {
        try {
            JsonNode event = json.readTree(text);
            assertEquals(name, event.path("event").asText(), text);
            if (invoiceId != null) {
                assertEquals(invoiceId, event.at("/data/id").asText(), text);
            }
            assertEquals(status, event.at("/data/status").asText(), text);
            assertNotNull(Instant.parse(event.at("/data/timestamp").asText()));
            return event;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A plain HTTP request that asks for the upgrade, so a refusal's body can be read. */
    private static RequestSpecification upgrade() {
        return given().header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }

    private URI ws() {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + http.getPath());
    }

    private URI ws(String apiKey) {
        return URI.create(ws() + "?api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
