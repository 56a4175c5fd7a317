package com.envoyx.invoice.webhooks.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The webhook endpoints API over HTTP behind the real key chain, private targets not allowed (the
 * production setting). Documentation addresses (203.0.113.0/24) stand for public receivers: no
 * test here records an event, and dispatch is off in tests, so nothing is ever sent to them.
 */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
class WebhookApiTest {

    private static final String PUBLIC_URL = "https://203.0.113.10/envoyx";
    private static final List<String> ALL_INVOICE_EVENTS = List.of("invoice.uploaded", "invoice.processing",
            "invoice.extracted", "invoice.validated", "invoice.processed", "invoice.flagged", "invoice.failed",
            "invoice.approved", "invoice.rejected", "invoice.paid", "invoice.deleted");

    private String key;

    @BeforeEach
    void newKey() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        key = account.createKey("webhooks").key();
        account.setLimits(account.createKey("unused").id(), Map.of("requests_per_minute", 1000));
    }

    @Test
    void createShowsTheSecretOnceAndDefaultsToEveryInvoiceEvent() {
        JsonPath created = api().body(Map.of("url", PUBLIC_URL, "description", "ERP")).post("/api/v1/webhooks")
                .then().statusCode(201)
                .body("success", equalTo(true)).body("code", equalTo("WEBHOOK_CREATED"))
                .body("data.id", matchesPattern("[0-9a-f-]{36}"))
                .body("data.url", equalTo(PUBLIC_URL)).body("data.description", equalTo("ERP"))
                .body("data.status", equalTo("active"))
                .body("data.secret", matchesPattern("whsec_[A-Za-z0-9+/]{32}"))
                .extract().jsonPath();
        assertEquals(ALL_INVOICE_EVENTS, created.getList("data.events"));
        String id = created.getString("data.id");

        api().get("/api/v1/webhooks").then().statusCode(200).body("code", equalTo("WEBHOOKS_FETCHED"))
                .body("data", hasSize(1)).body("data[0].id", equalTo(id)).body("data[0].secret", nullValue());
        api().get("/api/v1/webhooks/" + id).then().statusCode(200).body("code", equalTo("WEBHOOK_FETCHED"))
                .body("data.secret", nullValue()).body("data.events", hasSize(ALL_INVOICE_EVENTS.size()));
    }

    /** The pipeline's stages are events of their own now, so an endpoint may ask for just them. */
    @Test
    void anEndpointMaySubscribeToTheExtractedAndValidatedStages() {
        String id = create(Map.of("url", PUBLIC_URL, "events", List.of("invoice.extracted", "invoice.validated")));
        api().get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("data.events", equalTo(List.of("invoice.extracted", "invoice.validated")));
    }

    @Test
    void patchChangesOnlyWhatItNamesAndDeleteRemoves() {
        String id = create(Map.of("url", PUBLIC_URL, "events", List.of("invoice.processed"), "description", "a"));
        api().body(Map.of("events", List.of("invoice.failed", "invoice.processed", "invoice.failed")))
                .patch("/api/v1/webhooks/" + id).then().statusCode(200).body("code", equalTo("WEBHOOK_UPDATED"))
                .body("data.events", equalTo(List.of("invoice.failed", "invoice.processed")))
                .body("data.description", equalTo("a")).body("data.url", equalTo(PUBLIC_URL));
        api().body("{\"description\":null,\"status\":\"disabled\",\"url\":\"https://203.0.113.11/x\"}")
                .patch("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("data.description", nullValue()).body("data.status", equalTo("disabled"))
                .body("data.disabled_reason", equalTo("Disabled through the API."))
                .body("data.url", equalTo("https://203.0.113.11/x"));
        api().body(Map.of("status", "active")).patch("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("data.status", equalTo("active")).body("data.disabled_reason", nullValue());
        api().delete("/api/v1/webhooks/" + id).then().statusCode(200).body("code", equalTo("WEBHOOK_DELETED"))
                .body("data.id", equalTo(id));
        api().get("/api/v1/webhooks/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        api().get("/api/v1/webhooks").then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void rotationIssuesANewSecretAndKeepsTheOldOneSigningForADay() {
        JsonPath created = api().body(Map.of("url", PUBLIC_URL)).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath();
        String id = created.getString("data.id");
        JsonPath rotated = api().post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .body("code", equalTo("WEBHOOK_SECRET_ROTATED")).extract().jsonPath();
        assertNotEquals(created.getString("data.secret"), rotated.getString("data.secret"));
        assertTrue(rotated.getString("data.secret").startsWith("whsec_"));
        Duration grace = Duration.between(Instant.now(), Instant.parse(rotated.getString("data.previous_secret_expires_at")));
        assertTrue(grace.compareTo(Duration.ofHours(23)) > 0 && grace.compareTo(Duration.ofHours(25)) < 0, grace::toString);
        api().get("/api/v1/webhooks/" + id).then().body("data.secret", nullValue());
    }

    @Test
    void anotherAccountsWebhookIsNotFound() {
        String id = create(Map.of("url", PUBLIC_URL));
        String stranger = LiveServicesResource.services().newAccount().createKey("stranger").key();
        RequestSpecification other = given().header("X-API-Key", stranger).contentType(ContentType.JSON);
        other.get("/api/v1/webhooks/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .body("message", equalTo("Webhook endpoint not found."));
        other.body(Map.of("description", "mine")).patch("/api/v1/webhooks/" + id).then().statusCode(404);
        other.post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(404);
        other.post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
        other.get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        other.post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver").then().statusCode(404);
        other.delete("/api/v1/webhooks/" + id).then().statusCode(404);
        other.get("/api/v1/webhooks").then().statusCode(200).body("data", hasSize(0));
        api().get("/api/v1/webhooks/" + id).then().statusCode(200);
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAndPlainHttpAreRefused() {
        for (String url : List.of("https://127.0.0.1/hook", "https://localhost:8443/hook", "https://10.1.2.3/",
                "https://192.168.0.10/", "https://169.254.169.254/latest/meta-data/", "https://[::1]/",
                "https://[fd00:ec2::254]/", "https://[::ffff:127.0.0.1]/", "https://100.64.0.1/")) {
            api().body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(400)
                    .body("code", equalTo("VALIDATION_ERROR"))
                    .body("message", matchesPattern("url must not point at a private, loopback, link-local or reserved address .*"));
        }
        for (String url : List.of("http://203.0.113.10/hook", "http://127.0.0.1:9000/hook", "ftp://203.0.113.10/")) {
            api().body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(400)
                    .body("code", equalTo("VALIDATION_ERROR")).body("message", equalTo("url must use https."));
        }
        String id = create(Map.of("url", PUBLIC_URL));
        api().body(Map.of("url", "https://127.0.0.1/")).patch("/api/v1/webhooks/" + id).then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void everyBadInputIsAClearErrorInTheEnvelope() {
        assertRefused("{}", 400, "VALIDATION_ERROR", "url is required: the https URL that receives the events.");
        assertRefused("[]", 400, "VALIDATION_ERROR", "The body must be a JSON object with description, events, url.");
        assertRefused("{\"url\":5}", 400, "VALIDATION_ERROR", "url must be a non-empty string.");
        assertRefused("{\"url\":\"" + PUBLIC_URL + "\",\"events\":[]}", 400, "VALIDATION_ERROR",
                "events must be a non-empty array of event types, e.g. [\"invoice.processed\"].");
        assertRefused("{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"invoice.exploded\"]}", 400, "VALIDATION_ERROR",
                "Unknown event type \"invoice.exploded\"; use any of " + String.join(", ", ALL_INVOICE_EVENTS)
                        + ", webhook.test.");
        assertRefused("{\"url\":\"" + PUBLIC_URL + "\",\"secret\":\"mine\"}", 400, "VALIDATION_ERROR",
                "Unknown field 'secret'; allowed: description, events, url.");
        assertRefused("{\"url\":\"" + PUBLIC_URL + "\",\"description\":\"" + "x".repeat(501) + "\"}", 400,
                "VALIDATION_ERROR", "description is longer than 500 characters.");
        assertRefused("{\"url\":", 400, "MALFORMED_REQUEST", "The request body could not be read.");

        String id = create(Map.of("url", PUBLIC_URL));
        api().body("{}").patch("/api/v1/webhooks/" + id).then().statusCode(400)
                .body("message", equalTo("Send at least one of url, events, description, status."));
        api().body("{\"status\":\"paused\"}").patch("/api/v1/webhooks/" + id).then().statusCode(400)
                .body("message", equalTo("status must be \"active\" or \"disabled\"."));
        api().get("/api/v1/webhooks/not-a-uuid").then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"))
                .body("message", equalTo("The webhook id must be a UUID."));
        api().post("/api/v1/webhooks/" + id + "/deliveries/nope/redeliver").then().statusCode(400)
                .body("message", equalTo("The delivery id must be a UUID."));
        api().post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver").then().statusCode(404)
                .body("message", equalTo("Delivery not found."));
        api().get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("code", equalTo("WEBHOOK_DELIVERIES_FETCHED")).body("data", hasSize(0));
    }

    @Test
    void theWebhooksWriteScopeIsRequiredAndNewKeysHaveIt() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        String readOnly = account.createKey("reader", List.of("invoices:read", "invoices:write")).key();
        given().header("X-API-Key", readOnly).get("/api/v1/webhooks").then().statusCode(403)
                .body("code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("X-API-Key", readOnly).contentType(ContentType.JSON).body(Map.of("url", PUBLIC_URL))
                .post("/api/v1/webhooks").then().statusCode(403).body("code", equalTo("INSUFFICIENT_SCOPE"));
        String scoped = account.createKey("hooks only", List.of("webhooks:write")).key();
        given().header("X-API-Key", scoped).get("/api/v1/webhooks").then().statusCode(200);
        given().get("/api/v1/webhooks").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
    }

    private void assertRefused(String body, int status, String code, String message) {
        api().body(body).post("/api/v1/webhooks").then().statusCode(status).body("success", equalTo(false))
                .body("code", equalTo(code)).body("message", equalTo(message));
    }

    private String create(Map<String, Object> body) {
        return api().body(body).post("/api/v1/webhooks").then().statusCode(201).extract().path("data.id");
    }

    private RequestSpecification api() {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }
}
