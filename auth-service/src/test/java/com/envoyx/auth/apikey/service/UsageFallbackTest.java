package com.envoyx.auth.apikey.service;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * ratelimit-service is not running (the test profile points its client at a free port): usage
 * answers with what auth-service knows and says the statistics are unavailable, with no numbers.
 */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class UsageFallbackTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Inject
    LastUsedRecorder lastUsed;

    @Test
    void withoutRatelimitServiceUsageSaysSoAndInventsNothing() {
        Dashboard user = Dashboard.signUp();
        JsonPath created = user.createKey("Quiet Server");
        String usagePath = "/api/v1/api-keys/" + created.getString("id") + "/usage";

        long started = System.nanoTime();
        user.request().get(usagePath).then().statusCode(200)
                .body("code", equalTo("API_KEY_USAGE"))
                .body("data.usage_available", equalTo(false))
                .body("data.last_used_at", nullValue())
                .body("data", not(hasKey("hourly")))
                .body("data", not(hasKey("daily")));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0,
                "the fallback waited longer than the deadline");

        exchange.exchange(ExchangeRequest.newBuilder().setApiKey(created.getString("key")).build());
        String unflushed = user.request().get(usagePath).then().statusCode(200)
                .body("data.last_used_at", notNullValue())
                .extract().jsonPath().getString("data.last_used_at");
        lastUsed.flush().await().atMost(Duration.ofSeconds(5));
        String flushed = user.request().get(usagePath).then().statusCode(200)
                .body("data.usage_available", equalTo(false))
                .extract().jsonPath().getString("data.last_used_at");
        assertTrue(Math.abs(Duration.between(Instant.parse(unflushed), Instant.parse(flushed)).toMillis()) < 1,
                unflushed + " vs " + flushed);
    }
}
