package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15 item 4 (first half): more keys do not mean more budget. A rotated key and its
 * successor spend one budget, and an account holds at most 25 active keys.
 */
class KeyBudgetTest {

    @Test
    void aRotatedKeysSuccessorInheritsTheSpentBudget() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        CreatedKey key = customer.createKey("Spent then rotated");
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> me = customer.get("/api/v1/me", key.key());
            assertEquals(200, me.statusCode(), "request " + (i + 1) + ": " + me.body());
        }
        assertSeed429(customer.get("/api/v1/me", key.key()));

        CreatedKey successor = customer.rotate(key);
        assertSeed429(customer.get("/api/v1/me", successor.key()));
        assertSeed429(customer.fromFreshAddress().get("/api/v1/me", successor.key()));
        // Another key of the same account has a budget of its own.
        assertEquals(200, customer.get("/api/v1/me", customer.createKey("Unrelated").key()).statusCode());
    }

    @Test
    void theTwentySixthActiveKeyIsRefusedUntilOneIsRevoked() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        List<CreatedKey> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(customer.createKey("Key " + (i + 1)));
        }
        HttpResponse<String> refused = customer.tryCreateKey("Key 26");
        assertEquals(409, refused.statusCode(), refused.body());
        JsonNode body = SuiteClient.json(refused.body());
        assertEquals(false, body.path("success").asBoolean());
        assertEquals(409, body.path("status").asInt());
        assertEquals("API_KEY_LIMIT_REACHED", body.path("code").asText());
        assertTrue(body.path("message").asText().contains("25 active API keys"), body.path("message").asText());

        customer.revoke(keys.get(0));
        HttpResponse<String> created = customer.tryCreateKey("Key 26, after a revoke");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(409, customer.tryCreateKey("Key 27").statusCode());
        // Rotation is still allowed at the cap (rotate expects 201): the successor shares its predecessor's budget.
        customer.rotate(keys.get(1));
    }

    private static void assertSeed429(HttpResponse<String> response) throws Exception {
        assertEquals(429, response.statusCode(), response.body());
        JsonNode body = SuiteClient.json(response.body());
        assertEquals("RATE_LIMIT_EXCEEDED", body.path("code").asText());
        assertEquals("Too many requests. Please try again later.", body.path("message").asText());
        long retryAfter = body.path("data").path("retry_after").asLong();
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry_after " + retryAfter);
        assertEquals(Map.of("Retry-After", String.valueOf(retryAfter)),
                Map.of("Retry-After", response.headers().firstValue("Retry-After").orElse("")));
    }
}
