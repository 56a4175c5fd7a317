package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15, item 9: {@code GET /api/v1/invoices?page=2000000000&page_size=100} once overflowed
 * into a negative offset and answered 500. Every out-of-range or malformed list parameter is a 400
 * {@code VALIDATION_ERROR} envelope naming the parameter; the documented last page (1,000,000)
 * still answers.
 */
class PaginationBoundsTest {

    /** Each refused query with the parameter its answer must name. */
    private static final List<Refused> REFUSED = List.of(
            new Refused("page=2000000000&page_size=100", "page"), new Refused("page=2147483647", "page"),
            new Refused("page=2147483648", "page"), new Refused("page=21474837&page_size=100", "page"),
            new Refused("page=1000001", "page"), new Refused("page=99999999999999999999", "page"),
            new Refused("page=-1", "page"), new Refused("page=0", "page"), new Refused("page=-2147483648", "page"),
            new Refused("page=abc", "page"), new Refused("page=1.5", "page"), new Refused("page=1e3", "page"),
new Refused("page=" + encode(" 1"), "page"), new Refused("page=0x10", "page"),
            new Refused("page_size=0", "page_size"), new Refused("page_size=-5", "page_size"),
            new Refused("page_size=101", "page_size"), new Refused("page_size=2147483647", "page_size"),
            new Refused("page_size=abc", "page_size"),
            new Refused("page=2&page_size=" + encode("10; DROP TABLE invoices"), "page_size"),
            new Refused("status_filter=DONE", "status_filter"), new Refused("status_filter=pending", "status_filter"),
            new Refused("status_filter=" + encode("' OR 1=1 --"), "status_filter"));

    private static SecuritySuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SecuritySuite.get();
    }

    @Test
    void everyOutOfRangeOrMalformedListParameterIsAValidationError() throws Exception {
        Customer customer = Customer.signUp(suite);
        SuiteClient.CreatedKey key = customer.createKey("Pager");
        customer.raiseLimits(key, 100_000, 100_000);
        for (Refused refused : REFUSED) {
            String query = refused.query();
            HttpResponse<String> answer = customer.get("/api/v1/invoices?" + query, key.key());
            assertEquals(400, answer.statusCode(), query + ": " + answer.body());
            JsonNode envelope = SuiteClient.json(answer.body());
            assertFalse(envelope.path("success").asBoolean(), query);
            assertEquals(400, envelope.path("status").asInt(), query);
            assertEquals("VALIDATION_ERROR", envelope.path("code").asText(), query);
            assertTrue(Pattern.compile("\\b" + refused.parameter() + "\\b").matcher(envelope.path("message").asText()).find(),
                    "the message names " + refused.parameter() + ": " + answer.body());
        }
    }

    @Test
    void theLastPageAndTheLargestPageSizeStillAnswer() throws Exception {
        Customer customer = Customer.signUp(suite);
        SuiteClient.CreatedKey key = customer.createKey("Pager");
        HttpResponse<String> last = customer.get("/api/v1/invoices?page=1000000&page_size=100", key.key());
        assertEquals(200, last.statusCode(), last.body());
        JsonNode data = SuiteClient.json(last.body()).path("data");
        assertEquals(1_000_000, data.path("page").asInt());
        assertEquals(0, data.path("invoices").size());
        // An empty value is no value (JAX-RS hands it over as absent): the default applies.
        HttpResponse<String> empty = customer.get("/api/v1/invoices?page=&page_size=", key.key());
        assertEquals(200, empty.statusCode(), empty.body());
        assertEquals(1, SuiteClient.json(empty.body()).path("data").path("page").asInt());
        assertEquals(20, SuiteClient.json(empty.body()).path("data").path("page_size").asInt());
    }

    private record Refused(String query, String parameter) {
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
