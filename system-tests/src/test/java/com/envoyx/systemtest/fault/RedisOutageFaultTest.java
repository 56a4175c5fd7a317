package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.fault.SteadyLoad.Outcome;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.PrometheusMetrics;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;

/**
 * Redis (ratelimit-service's counters) killed with SIGKILL under steady load and started again
 * empty on the same port. ratelimit-service's README: general requests fail open (an in-memory
 * window per replica), uploads fail closed (503), every degraded decision is
 * counted in {@code envoyx_ratelimit_degraded_decisions_total}, and the first answer from Redis
 * ends degraded mode.
 */
@ExtendWith(SharedFleet.class)
class RedisOutageFaultTest {

    private static final String DEGRADED = "envoyx_ratelimit_degraded_decisions_total";
    /**
     * Longer than a slice may be valid (ratelimit-service's slice-validity; 5 s was tried): the busy key's
     * limit is sliced, and a slice granted just before the outage serves its requests until it
     * expires; only then are they decided in the degraded mode this test is about.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(7);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void limitsFollowTheirFailureModesWhileRedisIsGoneAndExactLimitingResumesAfter(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        String session = client.newAccountSession();
        CreatedKey busy = client.createKey(session, "Steady load");
        // The load must never meet the limits themselves: what it meets is the outage.
        client.setLimits(fleet.adminToken(), busy.id(), Map.of("requests_per_minute", 100_000, "uploads_per_hour", 100_000));
        ServiceInstance invoice = fleet.invoice(0);
        PrometheusMetrics before = PrometheusMetrics.scrape(fleet.ratelimit().url());

        List<Outcome> general;
        List<Outcome> uploads;
        Instant killed;
        Instant restarted;
        try (SteadyLoad reads = SteadyLoad.start("general", Duration.ofMillis(50), n -> ApiCalls.me(invoice, busy.key()));
             SteadyLoad writes = SteadyLoad.start("uploads", Duration.ofMillis(150),
                     n -> ApiCalls.upload(invoice, busy.key(), "redis-outage-" + n))) {
            Instant started = Instant.now();
            reads.awaitOutcome(started, outcome -> outcome.status() == 200, RECOVERY_TIMEOUT, "200");
            writes.awaitOutcome(started, outcome -> outcome.status() == 201, RECOVERY_TIMEOUT, "201");

            fleet.redis().kill();
            killed = Instant.now();
            writes.awaitOutcome(killed, outcome -> outcome.status() == 503, RECOVERY_TIMEOUT, "503 while Redis is gone");
            Thread.sleep(OUTAGE.toMillis());
            reads.awaitOutcome(killed.plus(OUTAGE), outcome -> outcome.status() == 200, RECOVERY_TIMEOUT,
                    "200 (open) late in the outage");

            fleet.redis().start();
            restarted = Instant.now();
            writes.awaitOutcome(restarted, outcome -> outcome.status() == 201, RECOVERY_TIMEOUT, "201 after Redis returned");
            general = reads.stop();
            uploads = writes.stop();
        }

        SteadyLoad.assertEveryRequestAnswered(general);
        SteadyLoad.assertEveryRequestAnswered(uploads);
        for (Outcome outcome : general) {
            assertEquals(200, outcome.status(), "general requests fail open, never refused: " + outcome);
        }
        for (Outcome outcome : uploads) {
            if (outcome.status() == 503) {
                assertEquals("SERVICE_UNAVAILABLE", ApiCalls.code(outcome.response()), outcome.toString());
            } else {
                assertEquals(201, outcome.status(), "uploads are stored or refused with 503: " + outcome);
            }
        }
        long generalDuringOutage = general.stream()
                .filter(outcome -> outcome.sentAt().isAfter(killed) && outcome.sentAt().isBefore(restarted)).count();
        System.out.printf("Redis outage of %d ms: %d general requests answered 200 during it; %d/%d uploads refused;"
                        + " slowest answer %d ms%n", Duration.between(killed, restarted).toMillis(), generalDuringOutage,
                uploads.stream().filter(outcome -> outcome.status() == 503).count(), uploads.size(),
                Math.max(SteadyLoad.slowest(general).toMillis(), SteadyLoad.slowest(uploads).toMillis()));

        PrometheusMetrics after = PrometheusMetrics.scrape(fleet.ratelimit().url());
        assertTrue(delta(before, after, Map.of("limit", "general_requests", "mode", "open", "outcome", "allowed")) > 0,
                "open general decisions not counted:\n" + after.linesOf(DEGRADED));
        assertTrue(delta(before, after, Map.of("limit", "invoice_uploads", "mode", "closed", "outcome", "denied")) > 0,
                "closed upload refusals not counted:\n" + after.linesOf(DEGRADED));

        assertExactLimitingIsBack(fleet, client, session, invoice, after);
    }

    /**
     * A fresh key limited to 5 requests a minute gets exactly 5, the 5 charges are in the new
     * Redis, and no decision was degraded: Redis decides again, not a replica's memory.
     */
    private static void assertExactLimitingIsBack(Fleet fleet, SuiteClient client, String session, ServiceInstance invoice,
                                                  PrometheusMetrics before) throws Exception {
        CreatedKey exact = client.createKey(session, "Exact after outage");
        client.setLimits(fleet.adminToken(), exact.id(), Map.of("requests_per_minute", 5));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(ApiCalls.me(invoice, exact.key()).statusCode());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429, 429), statuses);
        String window = fleet.redisKeyPrefix() + "rl:{" + exact.id() + "}:general";
        assertEquals(":5", fleet.redis().call("ZCARD", window), "the charges belong in Redis' window " + window);
        PrometheusMetrics after = PrometheusMetrics.scrape(fleet.ratelimit().url());
        assertEquals(before.sum(DEGRADED, Map.of()), after.sum(DEGRADED, Map.of()),
                "decisions after recovery must not be degraded:\n" + after.linesOf(DEGRADED));
    }

    private static double delta(PrometheusMetrics before, PrometheusMetrics after, Map<String, String> labels) {
        return after.sum(DEGRADED, labels) - before.sum(DEGRADED, labels);
    }
}
