package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.PrometheusMetrics;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * ratelimit-service stopped (SIGTERM) and started again. invoice-service's README: general
 * requests fail open onto a per-replica window at the key's own general limit (so each replica
 * allows the key its limit), uploads fail closed with 503. Both show in invoice-service's
 * metrics: its own count of decisions taken without ratelimit-service, by mode and outcome, and
 * the failed {@code Check} or {@code CheckBatch} calls.
 */
@ExtendWith(SharedFleet.class)
class RateLimitServiceOutageFaultTest {

    private static final int LIMIT = 3;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final String CHECKS = "grpc_client_processing_duration_seconds_count";
    private static final String DEGRADED = "envoyx_ratelimit_degraded_decisions_total";

    @Test
    void generalRequestsFailOpenAtEachReplicasLimitAndUploadsFailClosed(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        String session = client.newAccountSession();
        CreatedKey key = client.createKey(session, "Through a rate limiter outage");
        client.setLimits(fleet.adminToken(), key.id(), Map.of("requests_per_minute", LIMIT));
        List<ServiceInstance> replicas = fleet.invoices();
        List<PrometheusMetrics> before = new ArrayList<>();
        for (ServiceInstance replica : replicas) {
            before.add(PrometheusMetrics.scrape(replica.url()));
        }

        fleet.ratelimit().stop();

        for (ServiceInstance replica : replicas) {
            for (int i = 0; i < LIMIT; i++) {
                HttpResponse<String> allowed = ApiCalls.me(replica, key.key());
                assertEquals(200, allowed.statusCode(), replica.name() + " fails open: " + ApiCalls.describe(allowed));
            }
            HttpResponse<String> refused = ApiCalls.me(replica, key.key());
            assertEquals(429, refused.statusCode(), replica.name() + " keeps the key's own limit: " + ApiCalls.describe(refused));
            JsonNode envelope = ApiCalls.json(refused);
            assertEquals("RATE_LIMIT_EXCEEDED", envelope.path("code").asText());
            assertTrue(envelope.path("data").path("retry_after").asInt() >= 1, ApiCalls.describe(refused));
            assertEquals(envelope.path("data").path("retry_after").asText(),
                    refused.headers().firstValue("Retry-After").orElse(""), "Retry-After equals data.retry_after");

            HttpResponse<String> upload = ApiCalls.upload(replica, key.key(), "ratelimit-outage");
            assertEquals(503, upload.statusCode(), replica.name() + " fails closed on uploads: " + ApiCalls.describe(upload));
            assertEquals("SERVICE_UNAVAILABLE", ApiCalls.code(upload));
        }

        for (int i = 0; i < replicas.size(); i++) {
            PrometheusMetrics after = PrometheusMetrics.scrape(replicas.get(i).url());
            // Decisions travel as CheckBatch, or as unary Check from a replica that met a ratelimit-service
            // without CheckBatch: either shows the outage.
            double failed = 0;
            for (String method : new String[] {"Check", "CheckBatch"}) {
                Map<String, String> failedChecks = Map.of("method", method, "statusCode", "UNAVAILABLE");
                failed += after.sum(CHECKS, failedChecks) - before.get(i).sum(CHECKS, failedChecks);
            }
            // At least one: once invoice-service's circuit breaker opens, decisions are made without calling.
            assertTrue(failed >= 1, "decisions without ratelimit-service show as failed Checks:\n" + after.linesOf(CHECKS));
            assertDegraded(before.get(i), after, "fail_open", "allowed", LIMIT);
            assertDegraded(before.get(i), after, "fail_open", "refused", 1);
            assertDegraded(before.get(i), after, "fail_closed", "refused", 1);
        }

        fleet.ratelimit().start();
        fleet.ratelimit().awaitReady(Duration.ofSeconds(120));
        assertOneSharedBudgetAgain(fleet, client, session);
    }

    private static void assertDegraded(PrometheusMetrics before, PrometheusMetrics after, String mode, String outcome,
                                       int expected) {
        Map<String, String> labels = Map.of("mode", mode, "outcome", outcome);
        assertEquals(expected, after.sum(DEGRADED, labels) - before.sum(DEGRADED, labels), 0.0,
                mode + "/" + outcome + " decisions without ratelimit-service are counted:\n" + after.linesOf(DEGRADED));
    }

    /**
     * Back to one exact budget across replicas: once each replica stores uploads again (they never
     * fall back), a fresh key limited to 2 a minute gets 2 in all, not 2 per replica, and both
     * charges are in Redis.
     */
    private static void assertOneSharedBudgetAgain(Fleet fleet, SuiteClient client, String session) throws Exception {
        CreatedKey warm = client.createKey(session, "Uploads after the outage");
        for (ServiceInstance replica : fleet.invoices()) {
            Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
            HttpResponse<String> upload = ApiCalls.upload(replica, warm.key(), "after-ratelimit-outage");
            // The circuit breaker lets calls through again after its open period.
            while (upload.statusCode() == 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                upload = ApiCalls.upload(replica, warm.key(), "after-ratelimit-outage");
            }
            assertEquals(201, upload.statusCode(), replica.name() + ": " + ApiCalls.describe(upload));
        }
        CreatedKey fresh = client.createKey(session, "One budget again");
        client.setLimits(fleet.adminToken(), fresh.id(), Map.of("requests_per_minute", 2));
        List<Integer> statuses = new ArrayList<>();
        for (ServiceInstance replica : List.of(fleet.invoice(0), fleet.invoice(1), fleet.invoice(0), fleet.invoice(1))) {
            statuses.add(ApiCalls.me(replica, fresh.key()).statusCode());
        }
        assertEquals(List.of(200, 200, 429, 429), statuses, "one budget for the key across replicas");
        assertEquals(":2", fleet.redis().call("ZCARD", fleet.redisKeyPrefix() + "rl:{" + fresh.id() + "}:general"));
    }
}
