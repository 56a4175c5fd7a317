package com.envoyx.invoice.keychain.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.invoice.testing.OfflineServicesResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** auth-service accepts connections but never answers: the deadline ends each call, then the breaker opens. */
@QuarkusTest
@WithTestResource(value = OfflineServicesResource.class, initArgs = @ResourceArg(name = "auth", value = "silent"))
class HungAuthServiceTest {

    @Test
    void aHungAuthServiceCostsOneDeadlineThenFailsFast() {
        String key = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
        // The first call also pays for the channel and the code paths warming up.
        given().header("X-API-Key", key).when().get("/api/v1/me")
                .then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE")).time(lessThan(5_000L));
        given().header("X-API-Key", key).when().get("/api/v1/me")
                .then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE")).time(lessThan(2_000L));
        for (int i = 0; i < 12; i++) {
            given().header("X-API-Key", ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom()))
                    .when().get("/api/v1/invoices").then().statusCode(503);
        }
        // The breaker is open now: no more waiting for the deadline.
        given().header("X-API-Key", key).when().get("/api/v1/me")
                .then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE")).time(lessThan(300L));
    }
}
