package com.envoyx.invoice.keychain.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.TestPdfs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The whole hot path against the real auth-service and ratelimit-service. */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
class KeyChainTest {

    private static final String INVALID_BODY = KeyChainWithoutServicesTest.INVALID_BODY;

    @Test
    void meDescribesThePresentedKey() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Production Server");
        given().header("X-API-Key", key.key()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.key_id", equalTo(key.id()))
                .body("data.name", equalTo("Production Server"))
                .body("data.hint", equalTo(key.key().substring(0, 10) + "\u2026" + key.key().substring(key.key().length() - 4)))
                .body("data.environment", equalTo("production"))
                .body("data.scopes", equalTo(List.of("invoices:read", "invoices:write", "webhooks:write")))
                .body("data.limits.requests_per_minute", equalTo(100))
                .body("data.limits.uploads_per_hour", equalTo(100))
                .body("data.limits.websocket_connections", equalTo(5))
                .body("data.rate_limits[0].policy", equalTo("general"))
                .body("data.rate_limits[0].remaining", equalTo(99))
                .header("X-RateLimit-Limit", "100")
                .header("X-RateLimit-Remaining", "99")
                .header("X-RateLimit-Reset", matchesPattern("\\d{10}"))
                .header("RateLimit-Policy", "\"general\";q=100;w=60")
                .header("RateLimit", matchesPattern("\"general\";r=99;t=\\d+"));
    }

    @Test
    void anUnknownButWellFormedKeyIsTheSeeds403() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Soon gone");
        account.revoke(key.id());
        String unknown = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
        for (String presented : List.of(unknown, key.key())) {
            for (int i = 0; i < 2; i++) {
                given().header("X-API-Key", presented).when().get("/api/v1/invoices")
                        .then().statusCode(403).body(equalTo(INVALID_BODY));
            }
        }
    }

    @Test
    void revocationTakesEffectWithinOneSecond() throws InterruptedException {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Revoked soon");
        given().header("X-API-Key", key.key()).when().get("/api/v1/invoices").then().statusCode(200);
        given().header("X-API-Key", key.key()).when().get("/api/v1/invoices").then().statusCode(200);

        account.revoke(key.id());
        long revokedAt = System.nanoTime();
        int status = 0;
        while (System.nanoTime() - revokedAt < Duration.ofSeconds(1).toNanos()) {
            status = given().header("X-API-Key", key.key()).when().get("/api/v1/invoices").statusCode();
            if (status == 403) {
                break;
            }
            Thread.sleep(20);
        }
        long took = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();
        assertEquals(403, status, "still accepted " + took + " ms after revocation");
        assertTrue(took < 1000, "revocation took " + took + " ms");
        given().header("X-API-Key", key.key()).when().get("/api/v1/invoices").then().statusCode(403).body(equalTo(INVALID_BODY));
    }

    @Test
    void scopesAreEnforcedPerRoute() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey reader = account.createKey("Reader", List.of("invoices:read"));
        given().header("X-API-Key", reader.key()).when().get("/api/v1/invoices").then().statusCode(200);
        given().header("X-API-Key", reader.key()).when().get("/api/v1/me").then().statusCode(200);
        given().header("X-API-Key", reader.key()).multiPart("file", "a.pdf", TestPdfs.minimal(), "application/pdf")
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(403).body("code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("X-API-Key", reader.key()).when().delete("/api/v1/invoices/" + UUID.randomUUID())
                .then().statusCode(403).body("code", equalTo("INSUFFICIENT_SCOPE"));

        LiveServices.CreatedKey writer = account.createKey("Writer", List.of("invoices:write"));
        given().header("X-API-Key", writer.key()).when().get("/api/v1/invoices")
                .then().statusCode(403).body("code", equalTo("INSUFFICIENT_SCOPE"));
    }

    @Test
    void overTheLimitIsTheSeeds429WithRetryAfter() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Tight");
        Response shown = account.setLimitsAndAwait(key, Map.of("requests_per_minute", 3));
        shown.then().statusCode(200).header("X-RateLimit-Limit", "3");
        int remaining = Integer.parseInt(shown.header("X-RateLimit-Remaining"));
        for (int i = remaining - 1; i >= 0; i--) {
            given().header("X-API-Key", key.key()).when().get("/api/v1/me")
                    .then().statusCode(200).header("X-RateLimit-Limit", "3").header("X-RateLimit-Remaining", Integer.toString(i));
        }
        Response refused = given().header("X-API-Key", key.key()).when().get("/api/v1/me");
        refused.then().statusCode(429)
                .header("Retry-After", matchesPattern("\\d+"))
                .header("X-RateLimit-Remaining", "0")
                .body(matchesPattern("\\{\"success\":false,\"status\":429,\"code\":\"RATE_LIMIT_EXCEEDED\","
                        + "\"message\":\"Too many requests\\. Please try again later\\.\",\"data\":\\{\"retry_after\":\\d+}}"));
        int retryAfter = refused.path("data.retry_after");
        assertEquals(Integer.toString(retryAfter), refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry_after " + retryAfter);

        // Later refusals are answered by this replica alone, before routing (KeyGate): the same
        // seed body and budget headers, on every route, and nothing is counted.
        for (String path : List.of("/api/v1/me", "/api/v1/invoices", "/api/v1/no-such-route")) {
            Response local = given().header("X-API-Key", key.key()).when().get(path);
            local.then().statusCode(429)
                    .contentType(startsWith("application/json"))
                    .header("X-RateLimit-Limit", "3")
                    .header("X-RateLimit-Remaining", "0")
                    .header("RateLimit-Policy", "\"general\";q=3;w=60")
                    .body(matchesPattern("\\{\"success\":false,\"status\":429,\"code\":\"RATE_LIMIT_EXCEEDED\","
                            + "\"message\":\"Too many requests\\. Please try again later\\.\",\"data\":\\{\"retry_after\":\\d+}}"));
            int localRetryAfter = local.path("data.retry_after");
            assertEquals(Integer.toString(localRetryAfter), local.header("Retry-After"), path);
            assertTrue(localRetryAfter >= 1 && localRetryAfter <= retryAfter, path + ": retry_after " + localRetryAfter);
        }
    }

    @Test
    void aRejectedUploadIsRefundedAndAnAcceptedOneCounts() throws InterruptedException {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("One upload");
        account.setLimitsAndAwait(key, Map.of("uploads_per_hour", 1));
        given().header("X-API-Key", key.key()).multiPart("file", "fake.pdf", TestPdfs.png(), "application/pdf")
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_FILE_TYPE"))
                .header("RateLimit-Policy", "\"general\";q=100;w=60, \"uploads\";q=1;w=3600");

        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 201; attempt++) {
            status = given().header("X-API-Key", key.key())
                    .multiPart("file", "real.pdf", TestPdfs.minimal(), "application/pdf")
                    .when().post("/api/v1/invoices/upload").statusCode();
            if (status != 201) {
                Thread.sleep(100);
            }
        }
        assertEquals(201, status, "the refused upload was not refunded");
        given().header("X-API-Key", key.key()).multiPart("file", "more.pdf", TestPdfs.minimal(), "application/pdf")
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(429).body("code", equalTo("RATE_LIMIT_EXCEEDED"))
                .header("Retry-After", notNullValue());
    }
}
