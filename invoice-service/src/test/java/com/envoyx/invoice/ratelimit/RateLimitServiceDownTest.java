package com.envoyx.invoice.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.TestPdfs;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Real auth-service, no ratelimit-service: general requests fail open onto the local limiter, uploads get 503. */
@QuarkusTest
@WithTestResource(value = LiveServicesResource.class, initArgs = @ResourceArg(name = "ratelimit", value = "down"))
class RateLimitServiceDownTest {

    @Test
    void generalRequestsAreLimitedLocallyAtTheKeysOwnLimit() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Outage");
        given().header("X-API-Key", key.key()).when().get("/api/v1/me")
                .then().statusCode(200)
                .header("X-RateLimit-Limit", "100").header("X-RateLimit-Remaining", "99")
                .header("RateLimit-Policy", "\"general\";q=100;w=60");

        // Every /me counted in this replica's window, including those that waited for the new limit.
        account.setLimitsAndAwait(key, Map.of("requests_per_minute", 2));
        given().header("X-API-Key", key.key()).when().get("/api/v1/invoices")
                .then().statusCode(429).body("code", equalTo("RATE_LIMIT_EXCEEDED"))
                .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "0")
                .header("Retry-After", matchesPattern("\\d+"));
    }

    @Test
    void uploadsAreRefusedWhileTheSharedBudgetCannotBeAsked() {
        String key = LiveServicesResource.services().newAccount().createKey("Outage uploads").key();
        given().header("X-API-Key", key).multiPart("file", "a.pdf", TestPdfs.minimal(), "application/pdf")
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE"));
        given().header("X-API-Key", key).when().get("/api/v1/invoices").then().statusCode(200).body("data.total", equalTo(0));
    }
}
