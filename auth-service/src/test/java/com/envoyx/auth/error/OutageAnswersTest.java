package com.envoyx.auth.error;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.OwnServersProfile;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;
import com.envoyx.infra.testing.OwnServersTestResource;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * While PostgreSQL or Redis is gone, callers learn that the service is unavailable (503, gRPC
 * UNAVAILABLE), never a misleading 401/403 or an internal error; once it is back, all works again.
 */
@QuarkusTest
@TestProfile(OwnServersProfile.class)
class OutageAnswersTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Test
    void withoutPostgresTheApiAndTheExchangeSayUnavailable() {
        Dashboard user = Dashboard.signUp();
        String key = user.createKey("Outage Server").getString("key");

        OwnServersTestResource.postgres().stop();
        try {
            user.request().get("/api/v1/api-keys").then().statusCode(503)
                    .body("code", equalTo("SERVICE_UNAVAILABLE"));
            StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build()));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        } finally {
            OwnServersTestResource.postgres().start();
        }
        awaitReady();
        org.junit.jupiter.api.Assertions.assertTrue(
                exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build()).hasToken());
    }

    @Test
    void withoutRedisLoginSaysUnavailable() {
        Dashboard user = Dashboard.signUp();

        OwnServersTestResource.redis().stop();
        try {
            RestAssured.given().contentType(ContentType.JSON)
                    .body(Map.of("email", user.email(), "password", Dashboard.PASSWORD))
                    .post("/api/v1/auth/login")
                    .then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE"));
        } finally {
            OwnServersTestResource.redis().start();
        }
        awaitReady();
        Dashboard.logIn(user.email(), Dashboard.PASSWORD);
    }

    private static void awaitReady() {
        try {
            com.envoyx.infra.testing.ReadinessProbe.awaitStatus("http://127.0.0.1:"
                    + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getValue("quarkus.http.test-port", Integer.class), 200, java.time.Duration.ofSeconds(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
