package com.envoyx.systemtest.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One key's default budget (100 general requests per minute, the seed's table) is one budget
 * however many invoice-service replicas serve the key: 130 requests alternating between both
 * replicas from several threads at once are answered exactly 100 times 200 and 30 times the
 * seed's 429.
 */
@ExtendWith(ScaleFleet.class)
class RateLimitAcrossReplicasTest {

    private static final int LIMIT = 100;
    private static final int REQUESTS = 130;
    private static final int THREADS = 8;

    @Test
    void oneKeyGetsExactlyItsHundredRequestsPerMinuteOverBothReplicas(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        String key = client.createKey(client.newAccountSession(), "Spread over replicas").key();
        List<ServiceInstance> replicas = fleet.invoices();

        List<HttpResponse<String>> answers = new ArrayList<>();
        // One request per replica first, so that the burst meets cached credentials on both and
        // measures the shared budget rather than key exchanges racing; they are charged like any
        // other request and counted below.
        for (ServiceInstance replica : replicas) {
            HttpResponse<String> first = ReplicaCalls.get(replica, key, "/api/v1/me");
            assertEquals(200, first.statusCode(), ReplicaCalls.describe(first));
            answers.add(first);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = replicas.size(); i < REQUESTS; i++) {
                ServiceInstance replica = replicas.get(i % replicas.size());
                burst.add(threads.submit(() -> ReplicaCalls.get(replica, key, "/api/v1/me")));
            }
            for (Future<HttpResponse<String>> answer : burst) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        Map<String, Map<Integer, Long>> byReplica = answers.stream().collect(Collectors.groupingBy(
                answer -> String.valueOf(answer.uri().getPort()),
                Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting())));
        System.out.println("answers by replica port and status: " + byReplica);
        List<HttpResponse<String>> accepted = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertEquals(REQUESTS, accepted.size() + refused.size(), "only 200 and 429 are expected: " + byReplica);
        assertEquals(LIMIT, accepted.size(), "accepted in total over both replicas: " + byReplica);
        assertEquals(REQUESTS - LIMIT, refused.size(), byReplica.toString());
        for (HttpResponse<String> refusal : refused) {
            JsonNode body = ReplicaCalls.json(refusal);
            assertEquals(false, body.path("success").asBoolean(true), refusal.body());
            assertEquals(429, body.path("status").asInt(), refusal.body());
            assertEquals("RATE_LIMIT_EXCEEDED", body.path("code").asText(), refusal.body());
            assertEquals("Too many requests. Please try again later.", body.path("message").asText(), refusal.body());
            int retryAfter = body.path("data").path("retry_after").asInt(-1);
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry_after within the minute: " + refusal.body());
            assertEquals(String.valueOf(retryAfter), refusal.headers().firstValue("Retry-After").orElse(""),
                    "Retry-After header equals data.retry_after");
        }
    }
}
