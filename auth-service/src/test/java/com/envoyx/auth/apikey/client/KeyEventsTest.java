package com.envoyx.auth.apikey.client;

import static com.envoyx.auth.testing.OnVertxContext.onVertxContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** Every change that must drop cached credentials elsewhere reaches a Redis subscriber. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class KeyEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @Inject
    AdjustableClock clock;

    @Inject
    KeyLifecycleScheduler lifecycle;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void revokeAndDeleteAreAnnounced() throws InterruptedException {
        Dashboard user = Dashboard.signUp();
        String id = user.createKey("Revoked Server").getString("id");
        try (KeyEventListener events = new KeyEventListener(redis, keyPrefix)) {
            user.request().post("/api/v1/api-keys/" + id + "/revoke").then().statusCode(200);
            JsonObject revoked = events.next(id, WAIT);
            assertEquals("revoked", revoked.getString("type"));
            assertEquals(user.accountId(), revoked.getString("account_id"));
            assertEquals(id, revoked.getString("budget_id"), "a key that was never rotated is its own budget");
            assertTrue(Math.abs(revoked.getLong("at") - System.currentTimeMillis()) < 60_000);

            user.request().delete("/api/v1/api-keys/" + id).then().statusCode(200);
            assertEquals("deleted", events.next(id, WAIT).getString("type"));
        }
    }

    @Test
    void rotationWithoutGraceIsAnnouncedAtOnce() throws InterruptedException {
        Dashboard user = Dashboard.signUp();
        String id = user.createKey("Rotated Server").getString("id");
        try (KeyEventListener events = new KeyEventListener(redis, keyPrefix)) {
            user.request().post("/api/v1/api-keys/" + id + "/rotate").then().statusCode(201);
            assertEquals("rotated", events.next(id, WAIT).getString("type"));
        }
    }

    @Test
    void limitChangeIsAnnounced() throws InterruptedException {
        String id = Dashboard.signUp().createKey("Busy Server").getString("id");
        try (KeyEventListener events = new KeyEventListener(redis, keyPrefix)) {
            io.restassured.RestAssured.given()
                    .header("Authorization", "Bearer " + AuthTestProfile.ADMIN_TOKEN)
                    .contentType("application/json")
                    .body(Map.of("requests_per_minute", 1000))
                    .patch("/api/v1/admin/api-keys/" + id + "/limits")
                    .then().statusCode(200);
            assertEquals("limits_changed", events.next(id, WAIT).getString("type"));
        }
    }

    @Test
    void expiryIsAnnouncedOnceBySchedulerWhenTheClockPassesIt() throws InterruptedException {
        Dashboard user = Dashboard.signUp();
        JsonPath created = user.createKey(Map.of("name", "Expiring Server",
                "expires_at", Instant.now().plus(Duration.ofHours(1)).toString()));
        String id = created.getString("id");
        try (KeyEventListener events = new KeyEventListener(redis, keyPrefix)) {
            onVertxContext(lifecycle::announceEndedKeys);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            onVertxContext(lifecycle::announceEndedKeys);

            JsonObject expired = events.next(id, WAIT);
            assertEquals("expired", expired.getString("type"));

            onVertxContext(lifecycle::announceEndedKeys);
            AssertionError none = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> events.next(id, Duration.ofMillis(500)));
            assertTrue(none.getMessage().startsWith("no event"));
        }
        user.request().get("/api/v1/audit-events?api_key_id=" + id).then().statusCode(200)
                .body("data.items[0].action", org.hamcrest.Matchers.equalTo("api_key.expired"))
                .body("data.items[0].actor", org.hamcrest.Matchers.equalTo("system"));
    }
}
