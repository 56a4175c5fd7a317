package com.envoyx.auth.apikey.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;
import com.envoyx.contracts.auth.v1.RejectionReason;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A key's whole life through the dashboard API (HTTP) and the exchange (gRPC). */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class ApiKeyLifecycleTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Inject
    LastUsedRecorder lastUsed;

    @Test
    void createListExchangeRevokeDelete() {
        Dashboard user = Dashboard.signUp();

        JsonPath created = user.createKey(Map.of("name", "Production Server", "environment", "staging",
                "scopes", List.of("invoices:read")));
        String key = created.getString("key");
        String id = created.getString("id");
        assertEquals(ApiKeyEnvironment.STAGING, ApiKeyFormat.parse(key).orElseThrow().environment());
        assertEquals("Production Server", created.getString("name"));
        assertEquals("envx_stg_\u2026" + key.substring(key.length() - 4), created.getString("hint"));
        assertEquals("active", created.getString("status"));
        assertEquals(List.of("invoices:read"), created.getList("scopes"));

        user.request().get("/api/v1/api-keys").then().statusCode(200)
                .body("code", equalTo("API_KEYS_LISTED"))
                .body("data.items.id", hasItem(id))
                .body("data.items[0]", not(org.hamcrest.Matchers.hasKey("key")))
                .body("data.items[0].created_by", notNullValue())
                .body("data.items[0].last_used_at", nullValue());

        ExchangeResponse exchanged = exchange(key);
        assertTrue(exchanged.hasToken());
        assertEquals(id, exchanged.getToken().getKeyId());
        long lifetime = exchanged.getToken().getExpiresAt() - System.currentTimeMillis() / 1000;
        assertTrue(lifetime > 240 && lifetime <= 300, "token lifetime " + lifetime);

        lastUsed.flush().await().atMost(Duration.ofSeconds(5));
        user.request().get("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("data.last_used_at", notNullValue())
                .body("data", not(org.hamcrest.Matchers.hasKey("key")));

        user.request().post("/api/v1/api-keys/" + id + "/revoke").then().statusCode(200)
                .body("code", equalTo("API_KEY_REVOKED"))
                .body("data.status", equalTo("revoked"));
        assertEquals(RejectionReason.REVOKED, exchange(key).getRejection());

        user.request().delete("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("code", equalTo("API_KEY_DELETED"));
        user.request().get("/api/v1/api-keys/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        assertEquals(RejectionReason.INVALID, exchange(key).getRejection());

        List<String> actions = user.request().get("/api/v1/audit-events").then().statusCode(200)
                .extract().jsonPath().getList("data.items.action");
        assertEquals(List.of("api_key.deleted", "api_key.revoked", "api_key.created"), actions);
    }

    @Test
    void defaultsAreEveryScopeAndProduction() {
        JsonPath created = Dashboard.signUp().createKey("Default Server");
        assertEquals(List.of("invoices:read", "invoices:write", "webhooks:write"), created.getList("scopes"));
        assertEquals("production", created.getString("environment"));
        assertTrue(created.getString("key").startsWith("envx_live_"));
        assertNotNull(created.get("limits"));
        assertFalse(created.getMap("limits").values().stream().anyMatch(java.util.Objects::nonNull));
    }

    @Test
    void malformedAndUnknownKeysAreInvalid() {
        assertEquals(RejectionReason.INVALID, exchange("not-a-key").getRejection());
        assertEquals(RejectionReason.INVALID, exchange("").getRejection());
        String unknown = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new java.security.SecureRandom());
        assertEquals(RejectionReason.INVALID, exchange(unknown).getRejection());
        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("envoyx_key_exchanges_total{result=\"invalid\"}"));
    }

    private ExchangeResponse exchange(String key) {
        return exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build());
    }
}
