package com.envoyx.ratelimit.decision.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.ratelimit.testing.ServiceTestResource;
import com.envoyx.ratelimit.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class RestMirrorTest {

    private static final String BASE = "/api/v1/ratelimit";

    @Test
    void checkAnswersWithTheDecisionAndRefusesWith429() {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId, Map.of("uploads_per_hour", 1));
        as(token).body("{\"limits\":[\"general_requests\",\"invoice_uploads\"],\"request_id\":\"u-1\"}")
                .post(BASE + "/check")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("code", equalTo("REQUEST_ALLOWED"))
                .body("data.allowed", equalTo(true))
                .body("data.request_id", equalTo("u-1"))
                .body("data.deciding.limit", equalTo("invoice_uploads"))
                .body("data.deciding.remaining", equalTo(0))
                .body("data.decisions", hasSize(2));

        as(token).body("{\"limits\":[\"general_requests\",\"invoice_uploads\"]}")
                .post(BASE + "/check")
                .then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("success", equalTo(false))
                .body("status", equalTo(429))
                .body("code", equalTo("RATE_LIMIT_EXCEEDED"))
                .body("message", equalTo("Too many requests. Please try again later."))
                .body("data.allowed", equalTo(false))
                .body("data.retry_after", greaterThan(3500));

        as(token).body("{\"request_id\":\"u-1\"}").post(BASE + "/refunds")
                .then().statusCode(200).body("code", equalTo("CHARGE_REFUNDED")).body("data.refunded", equalTo(true));
        as(token).body("{\"request_id\":\"u-1\"}").post(BASE + "/refunds")
                .then().statusCode(200).body("code", equalTo("NOTHING_TO_REFUND")).body("data.refunded", equalTo(false));
        as(token).body("{\"limits\":[\"INVOICE_UPLOADS\"]}").post(BASE + "/check").then().statusCode(200);
    }

    @Test
    void leasesCanBeAcquiredRenewedAndReleased() {
        String token = TestTokens.forKey(TestTokens.newKeyId(), Map.of("websocket_connections", 1));
        as(token).body("{\"lease_id\":\"ws-1\"}").post(BASE + "/leases")
                .then().statusCode(201)
                .body("code", equalTo("LEASE_GRANTED"))
                .body("data.lease_id", equalTo("ws-1"))
                .body("data.limit", equalTo("websocket_connections"))
                .body("data.active", equalTo(1));
        as(token).body("{}").post(BASE + "/leases")
                .then().statusCode(429).body("code", equalTo("RATE_LIMIT_EXCEEDED")).body("data.granted", equalTo(false));
        as(token).post(BASE + "/leases/ws-1/renew").then().statusCode(200).body("code", equalTo("LEASE_RENEWED"));
        as(token).delete(BASE + "/leases/ws-1").then().statusCode(200).body("data.released", equalTo(true));
        as(token).post(BASE + "/leases/ws-1/renew").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void usageIsServedToItsKey() {
        String keyId = TestTokens.newKeyId();
        String token = TestTokens.forKey(keyId);
        as(token).body("{\"limits\":[\"general_requests\"]}").post(BASE + "/check").then().statusCode(200);
        as(token).get(BASE + "/usage").then().statusCode(200)
                .body("code", equalTo("USAGE"))
                .body("data.hourly", hasSize(24))
                .body("data.daily", hasSize(30))
                .body("data.hourly[23].requests", equalTo(1));
        as(TestTokens.forService("auth-service")).get(BASE + "/usage/" + keyId).then().statusCode(200)
                .body("data.daily[29].requests", equalTo(1));
        as(TestTokens.forKey(TestTokens.newKeyId())).get(BASE + "/usage/" + keyId).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void everyBadCallGetsAnEnvelope() {
        given().contentType(ContentType.JSON).body("{\"limits\":[\"general_requests\"]}").post(BASE + "/check")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED")).body("success", equalTo(false));
        given().header("Authorization", "Bearer garbage").contentType(ContentType.JSON).body("{}").post(BASE + "/check")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));

        String token = TestTokens.forKey(TestTokens.newKeyId());
        as(token).body("{\"limits\":[\"everything\"]}").post(BASE + "/check")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        as(token).body("{\"limits\":[\"general_requests\"],\"cost\":100000}").post(BASE + "/check")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        as(token).body("{\"limits\":").post(BASE + "/check")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        as(token).body("{\"limits\":\"general_requests\",\"cost\":\"many\"}").post(BASE + "/check")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        as(token).get(BASE + "/nothing-here").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(token).get(BASE + "/check").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.TEXT).body("x").post(BASE + "/check")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }
}
