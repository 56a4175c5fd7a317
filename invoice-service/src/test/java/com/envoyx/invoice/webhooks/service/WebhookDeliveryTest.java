package com.envoyx.invoice.webhooks.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.RealPdfs;
import com.envoyx.invoice.testing.WebhookDeliveryProfile;
import com.envoyx.invoice.testing.WebhookReceiver;
import com.envoyx.invoice.testing.WebhookReceiver.Delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The dispatcher end to end: invoice changes over the API, deliveries to a real HTTP server on
 * 127.0.0.1, signatures checked here with an implementation of their own (not the service's).
 */
@QuarkusTest
@TestProfile(WebhookDeliveryProfile.class)
@WithTestResource(LiveServicesResource.class)
class WebhookDeliveryTest {

    private static final long WAIT = 60_000;
    private static WebhookReceiver receiver;

    private String key;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
    }

    @BeforeEach
    void newKey() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        key = account.createKey("webhooks").key();
        account.setLimits(account.createKey("unused").id(), Map.of("requests_per_minute", 1000));
    }

    @Test
    void everyEventOfAnUploadsLifecycleArrivesSignedTwiceWithTheInvoiceAsGetShowsIt() throws Exception {
        JsonPath endpoint = createEndpoint(receiver.url("/ok"));
        String secret = endpoint.getString("data.secret");
        String invoiceId = given().header("X-API-Key", key)
                .multiPart("file", "lifecycle.pdf", RealPdfs.textInvoice(1), "application/pdf")
                .post("/api/v1/invoices/upload").then().statusCode(201).extract().path("data.id");
        List<Delivery> processed = receiver.await(forInvoice(invoiceId, "invoice.processed"), 1, WAIT);
        api().body(Map.of("status", "APPROVED")).patch("/api/v1/invoices/" + invoiceId + "/status").then().statusCode(200);
        receiver.await(forInvoice(invoiceId, "invoice.approved"), 1, WAIT);
        Map<String, Object> asGet = api().get("/api/v1/invoices/" + invoiceId).then().statusCode(200)
                .extract().jsonPath().getMap("data");
        api().delete("/api/v1/invoices/" + invoiceId).then().statusCode(200);
        receiver.await(forInvoice(invoiceId, "invoice.deleted"), 1, WAIT);

        // Deliveries are not ordered (each is its own attempt): compared as a set, each once.
        List<Delivery> all = receiver.received(d -> d.body().contains(invoiceId));
        assertEquals(Set.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.validated",
                "invoice.processed", "invoice.approved", "invoice.deleted"),
                all.stream().map(d -> JsonPath.from(d.body()).getString("event")).collect(Collectors.toSet()));
        assertEquals(7, all.size(), "each event once");
        for (Delivery delivery : all) {
            assertSignedWith(delivery, secret);
            JsonPath body = JsonPath.from(delivery.body());
            assertTrue(body.getString("id").startsWith("evt_"));
            assertEquals(body.getString("id"), delivery.header("webhook-id"));
            assertEquals(body.getString("event"), delivery.header("X-EnvoyX-Event"));
            assertNotNull(body.getString("created_at"));
            assertEquals("application/json", delivery.header("Content-Type"));
        }
        JsonPath approved = JsonPath.from(receiver.received(forInvoice(invoiceId, "invoice.approved")).get(0).body());
        assertEquals(asGet, approved.getMap("data"));
        assertEquals("PROCESSED", JsonPath.from(processed.get(0).body()).getString("data.status"));
        assertEquals(RealPdfs.TITLE, JsonPath.from(processed.get(0).body()).getString("data.extracted.pdf.title"));
        assertNotNull(JsonPath.from(processed.get(0).body()).getString("data.processed_at"));
        // The stages carry the invoice as it stood then: read, then checked, still PROCESSING.
        JsonPath extracted = JsonPath.from(receiver.received(forInvoice(invoiceId, "invoice.extracted")).get(0).body());
        assertEquals("PROCESSING", extracted.getString("data.status"));
        assertEquals(RealPdfs.NUMBER, extracted.getString("data.extracted.fields.invoice_number.value"));
        assertNull(extracted.get("data.validation"));
        JsonPath validated = JsonPath.from(receiver.received(forInvoice(invoiceId, "invoice.validated")).get(0).body());
        assertEquals("PROCESSING", validated.getString("data.status"));
        assertEquals(List.of("required_fields", "totals_add_up", "line_items_sum", "dates_consistent", "not_duplicate"),
                validated.getList("data.validation.check"));
        assertEquals(asGet.get("validation"), validated.getList("data.validation"));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttemptWithTheSameId() throws Exception {
        JsonPath endpoint = createEndpoint(receiver.url("/fail-twice"));
        String id = endpoint.getString("data.id");
        String eventId = api().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202)
                .body("code", equalTo("WEBHOOK_TEST_QUEUED")).extract().path("data.event_id");
        List<Delivery> attempts = receiver.await(d -> eventId.equals(d.header("webhook-id")), 3, WAIT);
        assertEquals(3, attempts.size());
        assertTrue(attempts.stream().allMatch(d -> d.body().equals(attempts.get(0).body())), "same body every time");
        attempts.forEach(d -> assertSignedWith(d, endpoint.getString("data.secret")));
        JsonPath log = awaitLog(id, 3);
        assertEquals(List.of(3, 2, 1), log.getList("data.attempt"));
        assertEquals(List.of(200, 500, 500), log.getList("data.status_code"));
        assertEquals(List.of(eventId, eventId, eventId), log.getList("data.event_id"));
        assertEquals("webhook.test", log.getString("data[0].event"));
        assertEquals("delivered", log.getString("data[0].delivery_state"));
        assertNull(log.get("data[0].next_retry_at"));
        assertNotNull(log.get("data[1].next_retry_at"));
        assertEquals("The endpoint answered HTTP 500.", log.getString("data[1].error"));

        String deliveryId = log.getString("data[0].delivery_id");
        api().post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(202)
                .body("code", equalTo("WEBHOOK_REDELIVERY_QUEUED"));
        receiver.await(d -> eventId.equals(d.header("webhook-id")), 4, WAIT);
        assertEquals(4, awaitLog(id, 4).getInt("data[0].attempt"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : List.of("envoyx_webhook_deliveries_total{outcome=\"delivered\"",
                "envoyx_webhook_deliveries_total{outcome=\"retried\"", "envoyx_webhook_delivery_seconds_count",
                "envoyx_webhook_queue_depth", "envoyx_webhook_oldest_undelivered_seconds")) {
            assertTrue(metrics.contains(series), series + " missing from /q/metrics");
        }
    }

    @Test
    void redirectsAreNotFollowedAndAnEndpointFailingLongEnoughIsDisabledWithItsReason() throws Exception {
        String id = createEndpoint(receiver.url("/redirect")).getString("data.id");
        String eventId = api().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202)
                .extract().path("data.event_id");
        long deadline = System.currentTimeMillis() + WAIT;
        JsonPath endpoint;
        do {
            Thread.sleep(200);
            endpoint = api().get("/api/v1/webhooks/" + id).then().statusCode(200).extract().jsonPath();
        } while (!endpoint.getString("data.status").equals("disabled") && System.currentTimeMillis() < deadline);
        assertEquals("disabled", endpoint.getString("data.status"));
        assertTrue(endpoint.getString("data.disabled_reason").startsWith(
                "Disabled after every delivery failed for 4 seconds; last error: The endpoint answered HTTP 302."),
                endpoint.getString("data.disabled_reason"));
        assertTrue(receiver.received(d -> d.path().equals("/ok") && eventId.equals(d.header("webhook-id"))).isEmpty(),
                "the redirect was followed");
        int attemptsWhenDisabled = receiver.received(d -> eventId.equals(d.header("webhook-id"))).size();
        Thread.sleep(2_500);
        assertEquals(attemptsWhenDisabled, receiver.received(d -> eventId.equals(d.header("webhook-id"))).size(),
                "a disabled endpoint gets no more attempts");
    }

    @Test
    void afterARotationBothSecretsVerifyAndTheDocsSampleVerifiesWithTheNewOne() throws Exception {
        JsonPath endpoint = createEndpoint(receiver.url("/ok"));
        String id = endpoint.getString("data.id");
        String oldSecret = endpoint.getString("data.secret");
        String newSecret = api().post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("data.secret");
        String eventId = api().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202)
                .extract().path("data.event_id");
        Delivery delivery = receiver.await(d -> eventId.equals(d.header("webhook-id")), 1, WAIT).get(0);
        assertSignedWith(delivery, newSecret);
        assertTrue(standardSignatures(delivery).contains(standardSignature(delivery, oldSecret)));
        assertEquals(2, standardSignatures(delivery).size());
    }

    private JsonPath awaitLog(String endpointId, int attempts) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT;
        while (true) {
            JsonPath log = api().get("/api/v1/webhooks/" + endpointId + "/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            if (log.getList("data").size() >= attempts || System.currentTimeMillis() > deadline) {
                return log;
            }
            Thread.sleep(100);
        }
    }

    /** X-EnvoyX-Signature as the public docs' Node.js sample checks it, and the Standard Webhooks signature. */
    private static void assertSignedWith(Delivery delivery, String secret) {
        assertEquals(hex(hmac(secret.getBytes(StandardCharsets.UTF_8), delivery.body())),
                delivery.header("X-EnvoyX-Signature"));
        assertTrue(standardSignatures(delivery).contains(standardSignature(delivery, secret)),
                delivery.header("webhook-signature"));
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(delivery.header("webhook-timestamp"));
        assertTrue(age >= 0 && age < 300, "timestamp age " + age);
    }

    private static List<String> standardSignatures(Delivery delivery) {
        return List.of(delivery.header("webhook-signature").split(" "));
    }

    private static String standardSignature(Delivery delivery, String secret) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String signed = delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "." + delivery.body();
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static java.util.function.Predicate<Delivery> forInvoice(String invoiceId, String event) {
        return d -> d.body().contains("\"event\":\"" + event + "\"") && d.body().contains("\"id\":\"" + invoiceId + "\"");
    }

    private JsonPath createEndpoint(String url) {
        return api().body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    private RequestSpecification api() {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }
}
