package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * A flood of well-formed but made-up keys from one client address (invoice-service's default
 * budget, 60 per minute) is answered 429 before it reaches auth-service's database: auth-service's
 * exchange counter stops moving once the throttle engages. Customers keep working: a key already
 * known to be valid even from the flooding address, and any key from another address.
 */
class InvalidKeyFloodTest {

    private static final int DEFAULT_BUDGET = 60;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern RATE_LIMITED = Pattern.compile("\\{\"success\":false,\"status\":429,"
            + "\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Too many requests\\. Please try again later\\.\","
            + "\"data\":\\{\"retry_after\":(\\d+)}}");

    private static SecuritySuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SecuritySuite.get();
    }

    @Test
    void aFloodIsThrottledBeforeAuthServiceAndCustomersAreUnaffected() throws Exception {
        Customer flooder = Customer.signUp(suite);
        SuiteClient.CreatedKey known = flooder.createKey("Known before the flood");
        assertEquals(200, flooder.get("/api/v1/me", known.key()).statusCode());

        int refusedAsInvalid = 0;
        int throttled = 0;
        double lookupsWhenThrottled = -1;
        for (int i = 0; i < DEFAULT_BUDGET + 40; i++) {
            HttpResponse<String> answer = flooder.get("/api/v1/invoices", unknownKey());
            if (answer.statusCode() == 403) {
                assertEquals(0, throttled, "a 403 after the throttle engaged: auth-service was asked again");
                refusedAsInvalid++;
                continue;
            }
            assertEquals(429, answer.statusCode(), answer.body());
            Matcher body = RATE_LIMITED.matcher(answer.body());
            assertTrue(body.matches(), answer.body());
            assertEquals(body.group(1), answer.headers().firstValue("Retry-After").orElse(null));
            if (throttled++ == 0) {
                lookupsWhenThrottled = suite.keyExchanges();
            }
        }
        assertEquals(DEFAULT_BUDGET, refusedAsInvalid, "made-up keys answered 403 before the throttle engaged");
        assertEquals(40, throttled);
        assertEquals(lookupsWhenThrottled, suite.keyExchanges(), "auth-service exchanged keys for a throttled address");

        assertEquals(200, flooder.get("/api/v1/me", known.key()).statusCode(), "a known-good key from the flooding address");
        Customer neighbour = Customer.signUp(suite);
        SuiteClient.CreatedKey fresh = neighbour.createKey("Unaffected");
        assertEquals(200, neighbour.get("/api/v1/me", fresh.key()).statusCode(), "a customer at another address");
        assertEquals(403, neighbour.get("/api/v1/me", unknownKey()).statusCode(), "another address keeps its own budget");
    }

    private static String unknownKey() {
        return ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, RANDOM);
    }
}
