package com.envoyx.systemtest.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SeedBodies;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/** The three error bodies of the documentation, exactly, from the running suite. */
class SeedErrorBodiesTest {

    private static LaunchedSuite suite;
    private static SuiteClient client;

    @BeforeAll
    static void suite() throws Exception {
        suite = SharedSuite.get();
        client = new SuiteClient(suite);
    }

    @Test
    void missingKey() throws Exception {
        HttpResponse<String> response = SuiteClient.get(suite.url("invoice") + "/api/v1/invoices", Map.of());

        assertEquals(401, response.statusCode());
        assertEquals(SuiteClient.json(SeedBodies.MISSING_API_KEY), SuiteClient.json(response.body()));
    }

    @Test
    void malformedKeyAndUnknownKeyAndRevokedKeyLookTheSame() throws Exception {
        String session = client.newAccountSession();
        SuiteClient.CreatedKey created = client.createKey(session, "Decommissioned Server");
        String revoked = created.key();
        assertEquals(200, get("/api/v1/invoices", revoked).statusCode());
        client.revokeKey(session, created.id());

        for (String key : new String[] {"not-a-key", "envx_live_0000000000000000000000000000000000000",
                unknownButWellFormed(), revoked}) {
            HttpResponse<String> response = get("/api/v1/invoices", key);
            assertEquals(403, response.statusCode(), key + ": " + response.body());
            assertEquals(SuiteClient.json(SeedBodies.INVALID_API_KEY), SuiteClient.json(response.body()), key);
        }
    }

    @Test
    void rateLimitExceededCarriesRetryAfter() throws Exception {
        String key = client.createKey(client.newAccountSession(), "Load Test").key();
        HttpResponse<String> response = null;
        for (int i = 0; i < 101; i++) {
            response = get("/api/v1/invoices", key);
            if (i < 100) {
                assertEquals(200, response.statusCode(), "request " + (i + 1) + ": " + response.body());
            }
        }

        assertEquals(429, response.statusCode(), response.body());
        JsonNode body = SuiteClient.json(response.body());
        assertEquals(false, body.path("success").asBoolean());
        assertEquals(429, body.path("status").asInt());
        assertEquals("RATE_LIMIT_EXCEEDED", body.path("code").asText());
        assertEquals("Too many requests. Please try again later.", body.path("message").asText());
        long retryAfter = body.path("data").path("retry_after").asLong();
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry_after " + retryAfter);
        assertEquals(String.valueOf(retryAfter), response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(5, body.size(), "exactly success, status, code, message and data: " + body);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return SuiteClient.get(suite.url("invoice") + path, Map.of("X-API-Key", key));
    }

    private static String unknownButWellFormed() {
        return ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom());
    }
}
