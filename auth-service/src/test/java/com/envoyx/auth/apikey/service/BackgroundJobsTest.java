package com.envoyx.auth.apikey.service;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.DefaultsProfile;
import com.envoyx.auth.testing.KeyEventListener;
import com.envoyx.auth.testing.ServiceDatabase;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The scheduled jobs do their work by themselves: nobody triggers them and the clock is real. */
@QuarkusTest
@TestProfile(DefaultsProfile.class)
class BackgroundJobsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @Test
    void anExpiringKeyIsAnnouncedAndAuditedWhenItsTimeComes() throws InterruptedException {
        Dashboard user = Dashboard.signUp();
        try (KeyEventListener events = new KeyEventListener(redis, keyPrefix)) {
            String id = user.createKey(Map.of("name", "Two Seconds",
                    "expires_at", Instant.now().plusSeconds(2).toString())).getString("id");

            org.junit.jupiter.api.Assertions.assertEquals("expired", events.next(id, PATIENCE).getString("type"));
            user.request().get("/api/v1/audit-events?api_key_id=" + id).then()
                    .body("data.items.action", hasItem("api_key.expired"));
            user.request().get("/api/v1/api-keys/" + id).then().body("data.status", equalTo("expired"));
        }
    }

    @Test
    void lastUsedAtReachesTheDatabaseWithoutAnyoneAsking() throws InterruptedException {
        JsonPath created = Dashboard.signUp().createKey("Used Server");
        exchange.exchange(ExchangeRequest.newBuilder().setApiKey(created.getString("key")).build());
        UUID id = UUID.fromString(created.getString("id"));

        waitFor(() -> storedLastUsed(id) != null);
        assertNotNull(storedLastUsed(id));
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static Timestamp storedLastUsed(UUID id) {
        try (Connection db = ServiceDatabase.connect();
             PreparedStatement query = db.prepareStatement("SELECT last_used_at FROM api_keys WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getTimestamp(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
