package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceLedger;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.StreamedUpload;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.UploadDirectory;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An invoice-service replica killed with SIGKILL while it receives an upload. The client sees
 * its connection die without an answer and retries the same request, same Idempotency-Key, on
 * the other replica (both share PostgreSQL, Redis and the blob directory): exactly one invoice
 * results, readable through both replicas, and no row lacks its blob.
 */
@ExtendWith(SharedFleet.class)
class InvoiceReplicaCrashFaultTest {

    /** Large enough that half of it is a real part of the body, small enough to send in an instant. */
    private static final int FILLER_BYTES = 256 * 1024;
    private static final Duration RECEIVING_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void uploadCutOffBySigkillIsRetriedOnTheOtherReplicaAndStoredOnce(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        CreatedKey key = client.createKey(client.newAccountSession(), "Retries after a crash");
        ServiceInstance crashing = fleet.invoice(0);
        ServiceInstance survivor = fleet.invoice(1);
        byte[] pdf = SamplePdf.invoice("crash-" + UUID.randomUUID(), FILLER_BYTES);
        InvoiceUpload.Multipart body = InvoiceUpload.multipart("crash.pdf", pdf);
        Map<String, String> idempotency = Map.of("Idempotency-Key", "crash-" + UUID.randomUUID());

        Set<Path> earlier = UploadDirectory.files(fleet.uploadDirectory(0));
        try (StreamedUpload upload = StreamedUpload.open(crashing.url(), key.key(), body, idempotency)) {
            upload.send(upload.length() / 2);
            // The replica has passed the key chain and is writing the file part to disk: mid-body.
            UploadDirectory.awaitNewFiles(fleet.uploadDirectory(0), earlier, 1, RECEIVING_TIMEOUT);
            crashing.kill();
            Optional<String> answer = upload.finish(ApiCalls.DEADLINE);
            assertEquals(Optional.empty(), answer, "a killed replica cannot have answered");
        }

        HttpResponse<String> retried = InvoiceUpload.send(survivor.url(), key.key(), body, idempotency, ApiCalls.DEADLINE);
        assertEquals(201, retried.statusCode(), ApiCalls.describe(retried));
        assertEquals(Optional.empty(), retried.headers().firstValue("Idempotent-Replayed"),
                "the killed replica stored nothing, so the retry is the first upload under this key");
        String invoiceId = ApiCalls.json(retried).path("data").path("id").asText();
        HttpResponse<String> again = InvoiceUpload.send(survivor.url(), key.key(), body, idempotency, ApiCalls.DEADLINE);
        assertEquals(retried.body(), again.body(), "a repeated retry replays the first answer");
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));

        crashing.start();
        crashing.awaitReady(Duration.ofSeconds(120));
        HttpResponse<String> afterRestart = InvoiceUpload.send(crashing.url(), key.key(), body, idempotency, ApiCalls.DEADLINE);
        assertEquals(retried.body(), afterRestart.body(), "the restarted replica replays the same invoice");

        List<InvoiceLedger.Row> rows = fleet.ledger().rowsOfKey(key.id());
        assertEquals(1, rows.size(), "exactly one invoice: " + rows);
        assertEquals(invoiceId, rows.get(0).id().toString());
        assertEquals(List.of(), fleet.ledger().rowsWithoutBlob(), "rows whose blob is missing");
        for (ServiceInstance replica : fleet.invoices()) {
            JsonNode listed = ApiCalls.json(ApiCalls.get(replica, key.key(), "/api/v1/invoices")).path("data");
            assertEquals(1, listed.path("total").asInt(), replica.name() + ": " + listed);
            assertEquals(invoiceId, listed.path("invoices").path(0).path("id").asText(), replica.name());
            HttpResponse<byte[]> file = ApiCalls.file(replica, key.key(), invoiceId);
            assertEquals(200, file.statusCode(), replica.name());
            assertArrayEquals(pdf, file.body(), replica.name() + " serves other bytes than were uploaded");
        }
    }
}
