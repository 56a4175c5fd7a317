package com.envoyx.systemtest.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
 * Replica A is stopped with SIGTERM (as Kubernetes stops a pod) while several uploads stream
 * into it: half of each body sent, each file part being written. The clients then send the rest.
 * Every upload either completes (201, and the invoice is then served byte for byte by replica
 * B) or fails cleanly (the connection closes without an answer, or 503): never a 201 for
 * something that is not stored, never a row without its object in the bucket. A client whose
 * upload failed retries it on B with its Idempotency-Key, and every document ends stored once.
 */
@ExtendWith(ScaleFleet.class)
class GracefulStopMidUploadTest {

    private static final int UPLOADS = 4;
    private static final int FILLER_BYTES = 512 * 1024;
    private static final Duration RECEIVING_TIMEOUT = Duration.ofSeconds(20);
    private static final String GRACEFUL_SHUTDOWN_BEGUN = "HTTP request(s) in flight";

    private record Upload(byte[] pdf, InvoiceUpload.Multipart body, Map<String, String> idempotency, StreamedUpload stream) {
    }

    @Test
    void uploadsInFlightWhenAReplicaIsStoppedCompleteOrFailCleanly(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        CreatedKey key = client.createKey(client.newAccountSession(), "Uploads across a rollout");
        ServiceInstance stopping = fleet.invoice(0);
        ServiceInstance survivor = fleet.invoice(1);

        Set<Path> earlier = UploadDirectory.files(fleet.uploadDirectory(0));
        List<Upload> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < UPLOADS; i++) {
                byte[] pdf = SamplePdf.invoice("rollout-" + i + "-" + UUID.randomUUID(), FILLER_BYTES);
                InvoiceUpload.Multipart body = InvoiceUpload.multipart("rollout-" + i + ".pdf", pdf);
                Map<String, String> idempotency = Map.of("Idempotency-Key", "rollout-" + UUID.randomUUID());
                StreamedUpload stream = StreamedUpload.open(stopping.url(), key.key(), body, idempotency);
                uploads.add(new Upload(pdf, body, idempotency, stream));
                stream.send(stream.length() / 2);
            }
            // Every upload has passed the key chain and its file part is being written: mid-body.
            UploadDirectory.awaitNewFiles(fleet.uploadDirectory(0), earlier, UPLOADS, RECEIVING_TIMEOUT);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::stop);
            // Quarkus has taken the SIGTERM and counts these requests as the ones it waits for
            // (ENVOYX_SHUTDOWN_TIMEOUT, 5 s in the fleet). Its readiness still answers 200 then,
            // so only its log tells.
            stopping.awaitOutput(GRACEFUL_SHUTDOWN_BEGUN, RECEIVING_TIMEOUT);
            List<Optional<StreamedUpload.Answer>> answers = new ArrayList<>();
            for (Upload upload : uploads) {
                answers.add(upload.stream().finishAndRead(ReplicaCalls.DEADLINE));
            }
            stopped.join();

            InvoiceLedger ledger = fleet.ledger();
            Map<String, Long> outcomes = new HashMap<>();
            for (int i = 0; i < UPLOADS; i++) {
                Upload upload = uploads.get(i);
                Optional<StreamedUpload.Answer> answer = answers.get(i);
                if (answer.isEmpty()) {
                    outcomes.merge("closed", 1L, Long::sum);
                } else if (answer.get().status() == 201) {
                    outcomes.merge("201", 1L, Long::sum);
                    String id = SuiteClient.json(answer.get().body()).path("data").path("id").asText();
                    assertTrue(ledger.row(UUID.fromString(id)).isPresent(), "201 for an invoice with no row: " + id);
                    assertServedBy(survivor, key.key(), id, upload.pdf());
                } else if (answer.get().status() == 503) {
                    outcomes.merge("503", 1L, Long::sum);
                    JsonNode refusal = SuiteClient.json(answer.get().body());
                    assertEquals("SERVICE_UNAVAILABLE", refusal.path("code").asText(), answer.get().body());
                } else {
                    fail("neither stored nor a clean failure: " + answer.get());
                }
            }
            System.out.println("uploads in flight at SIGTERM ended: " + outcomes);
            assertEquals(List.of(), ledger.rowsWithoutBlob(), "rows whose object is missing from the bucket");

            // The customer's side of a clean failure: the same request again, now on B.
            for (Upload upload : uploads) {
                HttpResponse<String> retried = InvoiceUpload.send(survivor.url(), key.key(), upload.body(),
                        upload.idempotency(), ReplicaCalls.DEADLINE);
                assertEquals(201, retried.statusCode(), ReplicaCalls.describe(retried));
                assertServedBy(survivor, key.key(), ReplicaCalls.json(retried).path("data").path("id").asText(), upload.pdf());
            }
            assertEquals(UPLOADS, ledger.rowsOfKey(key.id()).size(), "each document stored exactly once: " + ledger.rowsOfKey(key.id()));
            assertEquals(List.of(), ledger.rowsWithoutBlob(), "rows whose object is missing from the bucket");
        } finally {
            for (Upload upload : uploads) {
                upload.stream().close();
            }
        }
    }

    private static void assertServedBy(ServiceInstance replica, String key, String id, byte[] pdf) throws Exception {
        HttpResponse<byte[]> file = ReplicaCalls.file(replica, key, id);
        assertEquals(200, file.statusCode(), replica.name() + " does not serve invoice " + id);
        assertArrayEquals(pdf, file.body(), replica.name() + " serves other bytes than were uploaded as " + id);
    }
}
