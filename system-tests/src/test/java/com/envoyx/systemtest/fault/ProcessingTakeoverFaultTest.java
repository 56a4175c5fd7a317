package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceLedger;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.ProcessingProgress;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A replica SIGKILLed while it processes an invoice: its claim (lease) expires, the other replica
 * takes the job over and finishes it, exactly once. Replica B is stopped first so that A is the one
 * to claim the job; B comes back after A is gone, as a replacement pod would.
 */
@ExtendWith(SharedFleet.class)
class ProcessingTakeoverFaultTest {

    /** About 3.5 MB, read in a second or more by a warm replica: time to see it PROCESSING and kill A. */
    private static final int PAGES = 1000;
    private static final int SHAPES_PER_PAGE = 2000;
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aJobHeldByAKilledReplicaIsFinishedOnceByTheOther(Fleet fleet) throws Exception {
        ServiceInstance dying = fleet.invoice(0);
        ServiceInstance survivor = fleet.invoice(1);
        InvoiceLedger ledger = fleet.ledger();
        byte[] pdf = DrawnPdf.pages(PAGES, SHAPES_PER_PAGE);
        // Nothing else in the queue: A claims this job at once, and B has nothing else to do on its return.
        ProcessingProgress.awaitIdle(ledger, TAKEOVER_TIMEOUT);
        survivor.stop();

        SuiteClient client = fleet.client();
        String key = client.createKey(client.newAccountSession(), "Processing takeover").key();
        HttpResponse<String> uploaded = InvoiceUpload.send(dying.url(), key, InvoiceUpload.multipart("drawings.pdf", pdf),
                Map.of(), ApiCalls.DEADLINE);
        assertEquals(201, uploaded.statusCode(), ApiCalls.describe(uploaded));
        UUID id = UUID.fromString(ApiCalls.json(uploaded).path("data").path("id").asText());

        awaitStatus(ledger, id, "PROCESSING");
        dying.kill();
        InvoiceLedger.Row held = ledger.row(id).orElseThrow();
        assertEquals("PROCESSING", held.status(), "A was killed after it had finished the job; the test proves nothing: " + held);
        assertEquals(1, held.attempts(), "A's claim: " + held);

        survivor.start();
        survivor.awaitReady(Duration.ofSeconds(120));
        InvoiceLedger.Row done = ProcessingProgress.awaitFinished(ledger, id, TAKEOVER_TIMEOUT);
        assertEquals("FLAGGED", done.status(), "a long document without text is readable but flagged: " + done);
        assertEquals(2, done.attempts(), "A's claim and B's takeover, nothing more: " + done);
        assertEquals(1, ProcessingProgress.completions(survivor), "B completed the job once and nothing else");
        assertEquals(1, ProcessingProgress.count(survivor, "flagged"));
        assertEquals(List.of(), ledger.unfinishedRows(), "no job left behind");

        JsonNode invoice = ApiCalls.json(ApiCalls.get(survivor, key, "/api/v1/invoices/" + id)).path("data");
        assertEquals("FLAGGED", invoice.path("status").asText(), invoice.toString());
        assertEquals(PAGES, invoice.path("extracted").path("pdf").path("page_count").asInt(), invoice.toString());
        assertEquals(false, invoice.path("extracted").path("pdf").path("has_text_layer").asBoolean(true), invoice.toString());
    }

    private static void awaitStatus(InvoiceLedger ledger, UUID id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(CLAIM_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String current = ledger.statusOf(id).orElse("(no row)");
            if (current.equals(status)) {
                return;
            }
            if (!current.equals("PENDING")) {
                throw new AssertionError("invoice " + id + " went to " + current + " before the test saw it " + status);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("invoice " + id + " not " + status + " within " + CLAIM_TIMEOUT);
    }
}
