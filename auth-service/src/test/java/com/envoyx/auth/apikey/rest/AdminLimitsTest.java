package com.envoyx.auth.apikey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The operator raises or resets one key's limits; the next token carries them. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class AdminLimitsTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Test
    void operatorSetsAndResetsLimitsAndTheNextTokenCarriesThem() throws Exception {
        Dashboard user = Dashboard.signUp();
        io.restassured.path.json.JsonPath created = user.createKey("Busy Server");
        String secondId = created.getString("id");
        String plaintext = created.getString("key");

        operator().body(Map.of("requests_per_minute", 1000, "websocket_connections", 20))
                .patch("/api/v1/admin/api-keys/" + secondId + "/limits")
                .then().statusCode(200)
                .body("code", equalTo("API_KEY_LIMITS_UPDATED"))
                .body("data.limits.requests_per_minute", equalTo(1000))
                .body("data.limits.uploads_per_hour", nullValue())
                .body("data.limits.websocket_connections", equalTo(20));
        assertEquals(Map.of("requests_per_minute", 1000L, "websocket_connections", 20L), limitsClaim(plaintext));

        Map<String, Object> reset = new HashMap<>();
        reset.put("requests_per_minute", null);
        reset.put("uploads_per_hour", 500);
        operator().body(reset).patch("/api/v1/admin/api-keys/" + secondId + "/limits")
                .then().statusCode(200)
                .body("data.limits.requests_per_minute", nullValue())
                .body("data.limits.uploads_per_hour", equalTo(500))
                .body("data.limits.websocket_connections", equalTo(20));
        assertEquals(Map.of("uploads_per_hour", 500L, "websocket_connections", 20L), limitsClaim(plaintext));

        user.request().get("/api/v1/audit-events?api_key_id=" + secondId).then()
                .body("data.items[0].action", equalTo("api_key.limits_changed"))
                .body("data.items[0].actor", equalTo("operator"));
    }

    @Test
    void operatorTokenIsRequired() {
        String id = Dashboard.signUp().createKey("Server").getString("id");
        String path = "/api/v1/admin/api-keys/" + id + "/limits";
        given().contentType(ContentType.JSON).body(Map.of("requests_per_minute", 1))
                .patch(path).then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer " + AuthTestProfile.ADMIN_TOKEN + "x").contentType(ContentType.JSON)
                .body(Map.of("requests_per_minute", 1)).patch(path).then().statusCode(401);
    }

    @Test
    void badLimitValuesAreNamed() {
        String id = Dashboard.signUp().createKey("Server").getString("id");
        String path = "/api/v1/admin/api-keys/" + id + "/limits";
        for (Object bad : List.of(0, -5, "100", 1.5, 2_000_000, true)) {
            operator().body(Map.of("uploads_per_hour", bad)).patch(path)
                    .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"))
                    .body("data.errors[0].field", equalTo("uploads_per_hour"));
        }
        operator().body(Map.of()).patch(path).then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        operator().body(Map.of("requests_per_minute", 5)).patch("/api/v1/admin/api-keys/" + UUID.randomUUID() + "/limits")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> limitsClaim(String plaintext) throws Exception {
        String jwt = exchange.exchange(ExchangeRequest.newBuilder().setApiKey(plaintext).build()).getToken().getJwt();
        return JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8)).getClaimValue("limits", Map.class);
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + AuthTestProfile.ADMIN_TOKEN).contentType(ContentType.JSON);
    }
}
