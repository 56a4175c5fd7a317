package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.StreamedUpload;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15 item 5: a refused upload is not free. It costs a general request (only the upload
 * budget is given back), a body declared too large is refused from its headers, and one key
 * cannot hold more than 4 uploads open on a replica.
 */
class FailedUploadCostTest {

    private static final Duration ANSWER = Duration.ofSeconds(10);

    @Test
    void rejectedUploadsSpendTheGeneralBudget() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        CreatedKey key = customer.createKey("Sends PNGs renamed to PDF");
        InvoiceUpload.Multipart notPdf = InvoiceUpload.multipart("invoice.pdf",
                "\u0089PNG\r\n\u001a\n not a pdf at all".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> refused = customer.post("/api/v1/invoices/upload", key.key(), notPdf.contentType(), notPdf.body());
            assertEquals(415, refused.statusCode(), "upload " + (i + 1) + ": " + refused.body());
            assertEquals("UNSUPPORTED_FILE_TYPE", SuiteClient.json(refused.body()).path("code").asText());
        }
        HttpResponse<String> next = customer.get("/api/v1/me", key.key());
        assertEquals(429, next.statusCode(), "the 100 refused uploads spent the general budget: " + next.body());
        JsonNode body = SuiteClient.json(next.body());
        assertEquals("RATE_LIMIT_EXCEEDED", body.path("code").asText());
        assertEquals(next.headers().firstValue("Retry-After").orElseThrow(), body.path("data").path("retry_after").asText());
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        CreatedKey key = customer.createKey("Declares 20 MB");
        InvoiceUpload.Multipart huge = InvoiceUpload.multipart("huge.pdf", new byte[20 * 1024 * 1024]);
        try (StreamedUpload upload = StreamedUpload.open(suite.url("invoice"), key.key(), huge,
                Map.of("X-Forwarded-For", customer.address()))) {
            StreamedUpload.Answer answer = upload.awaitAnswer(ANSWER);
            assertEquals(0, upload.sent(), "not one byte of the body was sent");
            assertEquals(413, answer.status(), answer.body());
            JsonNode body = SuiteClient.json(answer.body());
            assertEquals(false, body.path("success").asBoolean());
            assertEquals(413, body.path("status").asInt());
            assertEquals("FILE_TOO_LARGE", body.path("code").asText());
        }
        // Refused from the headers, before the key chain: nothing looked up, nothing charged.
        HttpResponse<String> me = customer.get("/api/v1/me", key.key());
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("99", me.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void aKeyHoldsAtMostFourUploadsOpen() throws Exception {
        SecuritySuite suite = SecuritySuite.get();
        Customer customer = Customer.signUp(suite);
        CreatedKey key = customer.createKey("Slow uploader");
        Map<String, String> from = Map.of("X-Forwarded-For", customer.address());
        List<StreamedUpload> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                StreamedUpload upload = StreamedUpload.open(suite.url("invoice"), key.key(),
                        InvoiceUpload.multipart("slow-" + i + ".pdf", SamplePdf.invoice("slow " + i, 256 * 1024)), from);
                upload.send(1024);
                open.add(upload);
            }
            awaitInFlight(customer, key);

            try (StreamedUpload fifth = StreamedUpload.open(suite.url("invoice"), key.key(),
                    InvoiceUpload.multipart("fifth.pdf", SamplePdf.invoice("fifth")), from)) {
                StreamedUpload.Answer refused = fifth.awaitAnswer(ANSWER);
                assertEquals(429, refused.status(), refused.body());
                JsonNode body = SuiteClient.json(refused.body());
                assertEquals("RATE_LIMIT_EXCEEDED", body.path("code").asText());
                assertEquals(refused.headers().get("retry-after"), body.path("data").path("retry_after").asText());
                assertTrue(body.path("data").path("retry_after").asLong() >= 1);
            }

            StreamedUpload.Answer finished = open.remove(0).finishAndRead(ANSWER).orElseThrow();
            assertEquals(201, finished.status(), finished.body());
            HttpResponse<String> next = InvoiceUpload.send(suite.url("invoice"), key.key(),
                    InvoiceUpload.multipart("after.pdf", SamplePdf.invoice("after")), from, ANSWER);
            assertEquals(201, next.statusCode(), "a finished upload frees its place: " + next.body());
        } finally {
            for (StreamedUpload upload : open) {
                upload.close();
            }
        }
    }

    /**
     * The four uploads are admitted once the key chain charged them: their budget shows in the
     * remaining general requests (100 - 4 - these requests).
     */
    private static void awaitInFlight(Customer customer, CreatedKey key) throws Exception {
        long deadline = System.nanoTime() + ANSWER.toNanos();
        String remaining = "";
        for (int asked = 1; System.nanoTime() < deadline; asked++) {
            HttpResponse<String> me = customer.get("/api/v1/me", key.key());
            remaining = me.headers().firstValue("X-RateLimit-Remaining").orElse("");
            if (Integer.parseInt(remaining) <= 100 - 4 - asked) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the four uploads were never admitted (remaining " + remaining + ")");
    }
}
