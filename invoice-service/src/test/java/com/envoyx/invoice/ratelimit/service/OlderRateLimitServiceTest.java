package com.envoyx.invoice.ratelimit.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.invoice.testing.Burst;
import com.envoyx.invoice.testing.ContractRateLimiter;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A ratelimit-service older than CheckBatch and Reserve (both UNIMPLEMENTED): every decision is
 * a unary Check, as before, exact per request, and a large limit is charged per request too.
 */
@QuarkusTest
@WithTestResource(value = LiveServicesResource.class, initArgs = {
        @ResourceArg(name = "ratelimit", value = "contract"), @ResourceArg(name = "contract-rpcs", value = "unary-only")})
class OlderRateLimitServiceTest {

    @TestHTTPResource("/api/v1/me")
    URI me;

    @Test
    void decisionsFallBackToUnaryChecksAndStayExact() {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Older service");
        given().header("X-API-Key", key.key()).when().get("/api/v1/me").then().statusCode(200);

        List<HttpResponse<String>> answers = Burst.get(me, key.key(), 130, 16);

        Burst.assertAdmittedOrSeed429(answers);
        assertEquals(99, Burst.count(answers, 200));
        assertEquals(List.of(), service.batchSizes(), "no batch was ever answered");
        assertTrue(service.unaryChecks() >= 100, "decided by unary Checks: " + service.unaryChecks());
    }

    @Test
    void aLargeLimitIsCheckedPerRequestWhenReserveIsUnknown() {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Older service, large limit");
        account.setLimitsAndAwait(key, Map.of("requests_per_minute", 5000));
        int checksBefore = service.unaryChecks();

        List<HttpResponse<String>> answers = Burst.get(me, key.key(), 50, 4);

        assertEquals(50, Burst.count(answers, 200));
        assertEquals(checksBefore + 50, service.unaryChecks(), "one Check per request");
        assertEquals(0, service.reserves(), "no slice was ever granted");
        answers.forEach(answer -> assertEquals("5000", answer.headers().firstValue("X-RateLimit-Limit").orElseThrow()));
    }
}
