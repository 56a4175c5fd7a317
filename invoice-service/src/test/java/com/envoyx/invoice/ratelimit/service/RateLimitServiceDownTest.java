package com.envoyx.invoice.ratelimit.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        double allowedBefore = degraded("fail_open", "allowed");
        double refusedBefore = degraded("fail_open", "refused");
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
        assertTrue(degraded("fail_open", "allowed") > allowedBefore, "allowed local decisions are counted");
        assertEquals(refusedBefore + 1, degraded("fail_open", "refused"), "the local refusal is counted once");
    }

    @Test
    void uploadsAreRefusedWhileTheSharedBudgetCannotBeAsked() {
        String key = LiveServicesResource.services().newAccount().createKey("Outage uploads").key();
        double before = degraded("fail_closed", "refused");
        given().header("X-API-Key", key).multiPart("file", "a.pdf", TestPdfs.minimal(), "application/pdf")
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(503).body("code", equalTo("SERVICE_UNAVAILABLE")).header("Retry-After", "1");
        assertEquals(before + 1, degraded("fail_closed", "refused"), "the refused upload is counted");
        given().header("X-API-Key", key).when().get("/api/v1/invoices").then().statusCode(200).body("data.total", equalTo(0));
    }

    /** invoice-service's own count of decisions taken without ratelimit-service, from /q/metrics. */
    private static double degraded(String mode, String outcome) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^envoyx_ratelimit_degraded_decisions_total\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (line.find()) {
            if (line.group(1).contains("mode=\"" + mode + "\"") && line.group(1).contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no degraded-decision counter for " + mode + "/" + outcome + " in /q/metrics");
    }
}
