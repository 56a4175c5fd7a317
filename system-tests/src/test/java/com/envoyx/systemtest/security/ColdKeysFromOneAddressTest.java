package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;

/**
 * Issue 15, item 12: valid keys never spend the invalid-key budget of their client address. A
 * customer whose servers share one egress address starts using 200 keys invoice-service has never
 * seen, 64 requests at a time: every request is answered 200 (none is under its own limit's
 * threat), each key costs auth-service exactly one exchange however many connections met it cold,
 * and made-up keys from that same address are still throttled after the address's budget.
 */
class ColdKeysFromOneAddressTest {

    private static final int ACCOUNTS = 10;
    private static final int KEYS_PER_ACCOUNT = 20;
    private static final int CONNECTIONS = 64;
    private static final int ROUNDS = 3;
    private static final int INVALID_BUDGET = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static SecuritySuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SecuritySuite.get();
    }

    @Test
    void twoHundredColdKeysFromOneAddressAreAllServed() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            Customer owner = Customer.signUp(suite);
            for (int k = 0; k < KEYS_PER_ACCOUNT; k++) {
                keys.add(owner.createKey("Cold " + k).key());
            }
        }
        Customer egress = Customer.signUp(suite);
        double exchangesBefore = suite.keyExchanges();

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, String> unexpected = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        int total = keys.size() * ROUNDS;
        ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                running.add(connections.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        HttpResponse<String> answer = egress.get("/api/v1/me", keys.get(i % keys.size()));
                        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() != 200) {
                            unexpected.putIfAbsent(answer.statusCode() + "", answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> connection : running) {
                connection.get();
            }
        } finally {
            connections.shutdownNow();
        }
        assertEquals(Map.of(200, total), counts(statuses), "answers by status; first bodies of others: " + unexpected);
        assertEquals(keys.size(), suite.keyExchanges() - exchangesBefore, 0.0,
                "auth-service exchanges for 200 cold keys met by 64 connections at once");

        int refusedAsInvalid = 0;
        for (int i = 0; i < INVALID_BUDGET + 5; i++) {
            HttpResponse<String> answer = egress.get("/api/v1/me", ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, RANDOM));
            if (answer.statusCode() == 403) {
                refusedAsInvalid++;
            } else {
                assertEquals(429, answer.statusCode(), answer.body());
            }
        }
        assertEquals(INVALID_BUDGET, refusedAsInvalid, "made-up keys from that address before it was throttled");
        assertEquals(200, egress.get("/api/v1/me", keys.get(0)).statusCode(), "a known key from the throttled address");
    }

    private static Map<Integer, Integer> counts(Map<Integer, AtomicInteger> statuses) {
        Map<Integer, Integer> plain = new TreeMap<>();
        statuses.forEach((status, count) -> plain.put(status, count.get()));
        return plain;
    }
}
