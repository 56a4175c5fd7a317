package com.envoyx.auth.apikey.rest;

import static com.envoyx.auth.testing.OnVertxContext.onVertxContext;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.apikey.service.KeyLifecycleScheduler;
import com.envoyx.auth.testing.AdjustableClock;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.KeyEventListener;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;
import com.envoyx.contracts.auth.v1.RejectionReason;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Rotation: the old key works through its grace period, then stops by itself; time moves by the clock. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class RotationGraceTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Inject
    AdjustableClock clock;

    @Inject
    KeyLifecycleScheduler lifecycle;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void oldKeyWorksDuringGraceAndStopsAfterIt() throws InterruptedException {
        Dashboard user = Dashboard.signUp();
        JsonPath old = user.createKey(Map.of("name", "Rotating Server", "environment", "development",
                "scopes", List.of("invoices:read")));
        String oldKey = old.getString("key");
        String oldId = old.getString("id");

        JsonPath rotated = user.request().body(Map.of("grace_period_seconds", 3600))
                .post("/api/v1/api-keys/" + oldId + "/rotate")
                .then().statusCode(201).body("code", equalTo("API_KEY_ROTATED"))
                .extract().jsonPath().setRootPath("data");
        String newKey = rotated.getString("key");
        String newId = rotated.getString("id");
        assertNotEquals(oldKey, newKey);
        assertTrue(newKey.startsWith("envx_dev_"));
        assertEquals("Rotating Server", rotated.getString("name"));
        assertEquals(List.of("invoices:read"), rotated.getList("scopes"));
        assertEquals("active", rotated.getString("previous_key.status"));
        assertEquals(newId, rotated.getString("previous_key.replaced_by"));
        Instant graceEnd = Instant.parse(rotated.getString("previous_key.expires_at"));
        assertTrue(Math.abs(Duration.between(Instant.now().plusSeconds(3600), graceEnd).toSeconds()) < 30);

        assertTrue(exchange(oldKey).hasToken());
        assertTrue(exchange(newKey).hasToken());
        user.request().post("/api/v1/api-keys/" + oldId + "/rotate").then().statusCode(409)
                .body("code", equalTo("CONFLICT"));

        clock.advance(Duration.ofMinutes(59));
        ExchangeResponse nearTheEnd = exchange(oldKey);
        assertTrue(nearTheEnd.hasToken());
        assertTrue(nearTheEnd.getToken().getExpiresAt() <= graceEnd.getEpochSecond(),
                "token outlives the grace period");

        try (KeyEventListener events = new KeyEventListener(redis, keyPrefix)) {
            clock.advance(Duration.ofMinutes(1).plusSeconds(30));
            assertEquals(RejectionReason.EXPIRED, exchange(oldKey).getRejection());
            assertTrue(exchange(newKey).hasToken());

            onVertxContext(lifecycle::announceEndedKeys);
            assertEquals("rotated", events.next(oldId, Duration.ofSeconds(5)).getString("type"));
        }
        user.request().get("/api/v1/api-keys/" + oldId).then().statusCode(200).body("data.status", equalTo("expired"));
        List<String> actions = user.request().get("/api/v1/audit-events?api_key_id=" + oldId)
                .then().extract().jsonPath().getList("data.items.action");
        assertEquals(List.of("api_key.rotation_ended", "api_key.rotated", "api_key.created"), actions);
    }

    @Test
    void withoutGraceTheOldKeyStopsAtOnce() {
        Dashboard user = Dashboard.signUp();
        JsonPath old = user.createKey("Immediate Server");

        String newKey = user.request().post("/api/v1/api-keys/" + old.getString("id") + "/rotate")
                .then().statusCode(201).body("data.previous_key.status", equalTo("expired"))
                .extract().jsonPath().getString("data.key");

        assertEquals(RejectionReason.EXPIRED, exchange(old.getString("key")).getRejection());
        assertTrue(exchange(newKey).hasToken());
    }

    @Test
    void graceNeverExtendsTheKeysOwnExpiry() {
        Dashboard user = Dashboard.signUp();
        Instant expiry = Instant.now().plus(Duration.ofMinutes(10));
        JsonPath old = user.createKey(Map.of("name", "Soon Expiring", "expires_at", expiry.toString()));

        JsonPath rotated = user.request().body(Map.of("grace_period_seconds", 86_400))
                .post("/api/v1/api-keys/" + old.getString("id") + "/rotate")
                .then().statusCode(201).extract().jsonPath().setRootPath("data");

        assertEquals(expiry.getEpochSecond(), Instant.parse(rotated.getString("previous_key.expires_at")).getEpochSecond());
        assertEquals(expiry.getEpochSecond(), Instant.parse(rotated.getString("expires_at")).getEpochSecond());
    }

    @Test
    void graceBeyondSevenDaysOrNegativeIsRefused() {
        Dashboard user = Dashboard.signUp();
        String id = user.createKey("Grace Server").getString("id");
        for (Object grace : List.of(604_801, -1, "60", 1.5)) {
            user.request().body(Map.of("grace_period_seconds", grace))
                    .post("/api/v1/api-keys/" + id + "/rotate")
                    .then().statusCode(400)
                    .body("code", equalTo("VALIDATION_ERROR"))
                    .body("data.errors[0].field", equalTo("grace_period_seconds"));
        }
        user.request().body(Map.of("grace_period_seconds", 604_800))
                .post("/api/v1/api-keys/" + id + "/rotate").then().statusCode(201);
    }

    private ExchangeResponse exchange(String key) {
        return exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build());
    }
}
