package com.envoyx.invoice.keychain.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.invoice.testing.OfflineServicesResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the chain decides without asking anyone (steps 1 and 2 of the hot path), and what it
 * answers when auth-service cannot be reached: 503, never a 403 that calls a valid key invalid.
 */
@QuarkusTest
@WithTestResource(OfflineServicesResource.class)
class KeyChainWithoutServicesTest {

    static final String MISSING_BODY = "{\"success\":false,\"status\":401,\"code\":\"MISSING_API_KEY\","
            + "\"message\":\"API key is required. Include it in the X-API-Key header.\"}";
    static final String INVALID_BODY = "{\"success\":false,\"status\":403,\"code\":\"INVALID_API_KEY\","
            + "\"message\":\"The provided API key is invalid or has been revoked.\"}";

    @Test
    void noKeyIsTheSeedsExact401() {
        given().when().get("/api/v1/invoices")
                .then().statusCode(401).contentType("application/json").body(equalTo(MISSING_BODY));
        given().header("X-API-Key", "").when().get("/api/v1/me")
                .then().statusCode(401).body(equalTo(MISSING_BODY));
        given().header("X-API-Key", "   ").when().post("/api/v1/invoices/upload")
                .then().statusCode(401).body(equalTo(MISSING_BODY));
    }

    @Test
    void malformedKeysAreTheSeedsExact403WithoutANetworkCall() {
        String valid = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
        String typo = valid.substring(0, 20) + (valid.charAt(20) == 'a' ? 'b' : 'a') + valid.substring(21);
        for (String bad : new String[] {"nope", typo, valid + "x", "x".repeat(10 * 1024), "envx_live_\u0001abc",
                valid.substring(0, valid.length() - 1) + "\t"}) {
            given().header("X-API-Key", bad).when().get("/api/v1/invoices")
                    .then().statusCode(403).body(equalTo(INVALID_BODY));
        }
    }

    @Test
    void aRepeatedKeyHeaderIsRefused() {
        String valid = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
        given().header("X-API-Key", valid).header("X-API-Key", valid).when().get("/api/v1/me")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void authServiceUnreachableIs503Quickly() {
        String valid = ApiKeyFormat.generate(ApiKeyEnvironment.STAGING, new SecureRandom());
        given().header("X-API-Key", valid).when().get("/api/v1/invoices")
                .then().statusCode(503).time(lessThan(3000L))
                .body("code", equalTo("SERVICE_UNAVAILABLE"))
                .body("success", equalTo(false));
    }

    @Test
    void theKeyIsCheckedBeforeRouting() {
        given().when().get("/api/v1/nothing-here").then().statusCode(401).body(equalTo(MISSING_BODY));
        given().header("X-API-Key", "bad").when().put("/api/v1/invoices").then().statusCode(403).body(equalTo(INVALID_BODY));
    }

    @Test
    void unknownRoutesAndMethodsAreEnvelopes() {
        String wellFormed = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
        given().header("X-API-Key", wellFormed).when().get("/api/v1/nothing-here")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().header("X-API-Key", wellFormed).when().put("/api/v1/invoices")
                .then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
        given().when().get("/not-an-api").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void noCorsHeadersEvenForABrowserPreflight() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-API-Key")
                .when().options("/api/v1/invoices/upload")
                .then().header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Headers", nullValue());
        given().header("Origin", "https://evil.example").when().get("/api/v1/me")
                .then().statusCode(401).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void operationalRoutesNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/ping").then().statusCode(200)
                .body(equalTo("{\"success\":true,\"status\":200,\"code\":\"PONG\",\"message\":\"pong\"}"));
    }
}
