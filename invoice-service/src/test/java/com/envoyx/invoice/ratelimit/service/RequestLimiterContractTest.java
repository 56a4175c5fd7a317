package com.envoyx.invoice.ratelimit.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The rate-limit step against a ratelimit-service that answers the whole contract (the test's own
 * {@link ContractRateLimiter}, whose budgets never refill): decisions travel in CheckBatch
 * messages, refusals are answered locally until they run out, large limits are spent from
 * slices, and every count stays within the key's limit.
 */
@QuarkusTest
@WithTestResource(value = LiveServicesResource.class, initArgs = @ResourceArg(name = "ratelimit", value = "contract"))
class RequestLimiterContractTest {

    @TestHTTPResource("/api/v1/me")
    URI me;

    @Test
    void concurrentDecisionsTravelInBatchesAndEachGetsItsOwnAnswer() {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Batched");
        given().header("X-API-Key", key.key()).when().get("/api/v1/me").then().statusCode(200);
        int batchesBefore = service.batchSizes().size();

        List<HttpResponse<String>> answers = Burst.get(me, key.key(), 150, 32);

        Burst.assertAdmittedOrSeed429(answers);
        assertEquals(99, Burst.count(answers, 200), "exactly the default 100, the warm-up included");
        assertEquals(51, Burst.count(answers, 429));
        assertEquals(0, service.unaryChecks(), "every decision went in a CheckBatch");
        List<Integer> burst = service.batchSizes().subList(batchesBefore, service.batchSizes().size());
        assertTrue(burst.stream().anyMatch(size -> size > 1), "concurrent decisions shared a message: " + burst);
    }

    @Test
    void aRefusedKeyIsAnsweredHereUntilItsRetryAfterWithoutAskingAgain() {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Refused");
        account.setLimitsAndAwait(key, Map.of("requests_per_minute", 2));
        // The budget never refills here: whatever /me spent while waiting for the new limit, it is gone now.
        Burst.get(me, key.key(), 3, 1);
        int decisions = service.decisions();

        List<HttpResponse<String>> refused = Burst.get(me, key.key(), 20, 4);

        Burst.assertAdmittedOrSeed429(refused);
        assertEquals(20, Burst.count(refused, 429));
        assertEquals(decisions, service.decisions(), "no refused request crossed to ratelimit-service");
        refused.forEach(answer -> assertEquals("2", answer.headers().firstValue("X-RateLimit-Limit").orElseThrow()));

        // A limit change arrives as a key event: the remembered refusal goes, the next request is asked.
        account.setLimitsAndAwait(key, Map.of("requests_per_minute", 500));
        assertTrue(service.decisions() > decisions, "the raised limit was decided by ratelimit-service");
    }

    @Test
    void aLargeLimitIsSpentFromSlicesAndNeverBeyondIt() throws InterruptedException {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        LiveServices.CreatedKey key = account.createKey("Sliced");
        long admitted = 0;
        account.setLimits(key.id(), Map.of("requests_per_minute", 2000));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        String shownLimit;
        do {
            HttpResponse<String> answer = Burst.get(me, key.key(), 1, 1).get(0);
            admitted += answer.statusCode() == 200 ? 1 : 0;
            shownLimit = answer.headers().firstValue("X-RateLimit-Limit").orElse("");
        } while (!shownLimit.equals("2000") && System.nanoTime() < deadline);
        assertEquals("2000", shownLimit, "the raised limit took effect");
        int reservesBefore = service.reserves();
        int decisionsBefore = service.decisions();

        List<HttpResponse<String>> answers = Burst.get(me, key.key(), 2600, 16);

        Burst.assertAdmittedOrSeed429(answers);
        admitted += Burst.count(answers, 200);
        assertTrue(admitted <= 2000, "admitted " + admitted + " of a limit of 2000");
        assertTrue(admitted >= 1000, "slices admitted most of the budget: " + admitted);
        assertEquals(decisionsBefore, service.decisions(), "no request of the sliced key needed a Check");
        assertTrue(service.reserves() - reservesBefore < admitted / 10,
                (service.reserves() - reservesBefore) + " Reserves for " + admitted + " requests");
        // Idle slices go back within a sweep or two: then what the service holds charged is what was spent.
        awaitSlicesReleased(service, key);
        assertEquals(admitted, service.generalCharged(key.id()), "units charged at ratelimit-service once every slice was released");
    }

    @Test
    void slicesOfKeysInUseAreRenewedTogetherAndCarryTheReleasesOfTheirPredecessors() throws InterruptedException {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        List<LiveServices.CreatedKey> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            LiveServices.CreatedKey key = account.createKey("Renewed " + i);
            account.setLimitsAndAwait(key, Map.of("requests_per_minute", 3000));
            keys.add(key);
        }
        // The requests that saw the new limits took slices; once those are idle and released, what
        // is charged is what those requests spent, the baseline of each key.
        Map<String, Long> admitted = new HashMap<>();
        for (LiveServices.CreatedKey key : keys) {
            awaitSlicesReleased(service, key);
            admitted.put(key.id(), service.generalCharged(key.id()));
        }
        int batchesBefore = service.reserveBatchSizes().size();
        int decisionsBefore = service.decisions();

        // Sparse traffic on every key for several slice validities: each key sees a request every ~60 ms.
        long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
        while (System.nanoTime() < until) {
            for (LiveServices.CreatedKey key : keys) {
                HttpResponse<String> answer = Burst.get(me, key.key(), 1, 1).get(0);
                assertEquals(200, answer.statusCode(), answer.body());
                admitted.merge(key.id(), 1L, Long::sum);
            }
        }

        assertEquals(decisionsBefore, service.decisions(), "no request of a sliced key needed a Check");
        List<Integer> renewals = service.reserveBatchSizes().subList(batchesBefore, service.reserveBatchSizes().size());
        assertTrue(renewals.stream().anyMatch(size -> size > 1), "keys due together shared a ReserveBatch: " + renewals);
        // Once idle, every slice is released (carried by a renewal, or alone by the sweep): the service
        // then holds charged exactly what each key spent.
        for (LiveServices.CreatedKey key : keys) {
            awaitSlicesReleased(service, key);
            assertEquals(admitted.get(key.id()), service.generalCharged(key.id()),
                    "units charged for " + key.id() + " once its slices were released");
        }
    }

    /** Waits, however loaded the machine, until every slice the key was granted has come back. */
    private static void awaitSlicesReleased(ContractRateLimiter service, LiveServices.CreatedKey key)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (service.slicesHeld(key.id()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, service.slicesHeld(key.id()), "slices of " + key.id() + " still held");
    }

    @Test
    void aFailedUploadGetsBackItsUploadChargeOnlyByItsRequestIdAndChargeTime() throws InterruptedException {
        ContractRateLimiter service = LiveServicesResource.contractRateLimiter();
        LiveServices.CreatedKey key = LiveServicesResource.services().newAccount().createKey("Refunded");
        int refundsBefore = service.refunds();
        given().header("X-API-Key", key.key()).multiPart("file", "a.pdf", "not a pdf".getBytes(), "application/pdf")
                .when().post("/api/v1/invoices/upload").then().statusCode(415);
        for (int i = 0; i < 50 && service.refunds() == refundsBefore; i++) {
            Thread.sleep(50);
        }
        assertEquals(refundsBefore + 1, service.refunds());
        assertEquals(1, service.generalCharged(key.id()), "the refused upload still counts as a general request");
        assertEquals(0, service.uploadsCharged(key.id()), "the refund gave the upload unit back");
    }
}
