package com.envoyx.systemtest.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceLedger;
import com.envoyx.systemtest.support.ProcessingProgress;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;

/**
 * Two live replicas claim from one queue (the invoice rows, SKIP LOCKED) side by side: a batch
 * of 20 uploads spread over both is processed, and every invoice is completed exactly once, by
 * the rows and by the replicas' own count of completions.
 */
@ExtendWith(ScaleFleet.class)
class ProcessingAcrossReplicasTest {

    private static final int UPLOADS = 20;
    private static final int THREADS = 4;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aBatchSpreadOverBothReplicasIsCompletedExactlyOnce(Fleet fleet) throws Exception {
        InvoiceLedger ledger = fleet.ledger();
        List<ServiceInstance> replicas = fleet.invoices();
        // The fleet's own canary uploads finish first, so that the counts below are this batch's.
        ProcessingProgress.awaitIdle(ledger, PROCESSING_TIMEOUT);
        Map<String, Long> before = completionsByReplica(replicas);

        SuiteClient client = fleet.client();
        CreatedKey key = client.createKey(client.newAccountSession(), "Batch over two replicas");
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                ServiceInstance replica = replicas.get(i % replicas.size());
                String label = "batch-" + i + "-" + UUID.randomUUID();
                uploads.add(threads.submit(() -> ReplicaCalls.upload(replica, key.key(), label + ".pdf", SamplePdf.invoice(label))));
            }
            for (Future<HttpResponse<String>> upload : uploads) {
                HttpResponse<String> answer = upload.get();
                assertEquals(201, answer.statusCode(), ReplicaCalls.describe(answer));
            }
        } finally {
            threads.shutdownNow();
        }
        ProcessingProgress.awaitIdle(ledger, PROCESSING_TIMEOUT);

        List<InvoiceLedger.Row> rows = ledger.rowsOfKey(key.id());
        assertEquals(UPLOADS, rows.size());
        Map<String, Long> statuses = rows.stream().collect(Collectors.groupingBy(InvoiceLedger.Row::status, Collectors.counting()));
        Map<Integer, Long> attempts = rows.stream().collect(Collectors.groupingBy(InvoiceLedger.Row::attempts, Collectors.counting()));
        Map<String, Long> after = completionsByReplica(replicas);
        Map<String, Long> completedHere = new HashMap<>();
        after.forEach((replica, count) -> completedHere.put(replica, count - before.get(replica)));
        System.out.println("batch: statuses " + statuses + ", claims per invoice " + attempts + ", completed by " + completedHere);

        assertEquals(Map.of("PROCESSED", (long) UPLOADS), statuses, "every invoice of the batch processed");
        assertEquals(UPLOADS, completedHere.values().stream().mapToLong(Long::longValue).sum(),
                "completions counted over both replicas: " + completedHere);
    }

    private static Map<String, Long> completionsByReplica(List<ServiceInstance> replicas) throws Exception {
        Map<String, Long> completions = new HashMap<>();
        for (ServiceInstance replica : replicas) {
            completions.put(replica.name(), ProcessingProgress.completions(replica));
        }
        return completions;
    }
}
