package com.envoyx.systemtest.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.envoyx.systemtest.fault.SteadyLoad.Outcome;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.InvoiceLedger;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.envoyx.systemtest.support.SuiteClient.CreatedKey;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * invoice-service's PostgreSQL stopped while both replicas take uploads, then started again.
 * Uploads write the blob first and the row last (invoice-service README), so whatever moment the
 * database goes away: the client is told 503 and may retry, no row points at a missing blob,
 * the sweeper removes any blob left without a row, and every invoice accepted before is intact.
 */
@ExtendWith(SharedFleet.class)
class InvoiceDatabaseOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(2);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void uploadsDuringTheOutageAreRefusedAndNothingHalfWrittenSurvives(Fleet fleet) throws Exception {
        SuiteClient client = fleet.client();
        CreatedKey key = client.createKey(client.newAccountSession(), "Uploads through an outage");
        client.setLimits(fleet.adminToken(), key.id(), Map.of("requests_per_minute", 100_000, "uploads_per_hour", 100_000));
        InvoiceLedger ledger = fleet.ledger();
        List<InvoiceLedger.Row> storedBefore = ledger.rows();

        // Each answer is kept with the file it answered, to compare what was accepted with what is stored.
        Map<Outcome, byte[]> uploaded = new HashMap<>();
        List<HttpResponse<String>> readsDuringOutage = new ArrayList<>();
        Map<SteadyLoad, String> loadLabels = new HashMap<>();
        for (ServiceInstance invoice : fleet.invoices()) {
            String prefix = invoice.name() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            loadLabels.put(SteadyLoad.start(invoice.name(), Duration.ofMillis(100),
                    n -> ApiCalls.upload(invoice, key.key(), prefix + n)), prefix);
        }
        List<SteadyLoad> loads = List.copyOf(loadLabels.keySet());
        List<Path> leftovers = List.of();
        try {
            Instant started = Instant.now();
            for (SteadyLoad load : loads) {
                load.awaitOutcome(started, outcome -> outcome.status() == 201, RECOVERY_TIMEOUT, "201");
            }
            fleet.invoicePostgres().stop();
            Instant stopped = Instant.now();
            for (SteadyLoad load : loads) {
                load.awaitOutcome(stopped, outcome -> outcome.status() >= 500, RECOVERY_TIMEOUT, "refused while PostgreSQL is down");
            }
            for (ServiceInstance invoice : fleet.invoices()) {
                readsDuringOutage.add(ApiCalls.get(invoice, key.key(), "/api/v1/invoices"));
            }
            leftovers = plantCrashLeftovers(fleet.blobDirectory());
            Thread.sleep(OUTAGE.toMillis());
            fleet.invoicePostgres().start();
            Instant restarted = Instant.now();
            for (SteadyLoad load : loads) {
                load.awaitOutcome(restarted, outcome -> outcome.status() == 201, RECOVERY_TIMEOUT, "201 after PostgreSQL returned");
            }
        } finally {
            for (SteadyLoad load : loads) {
                load.stop().forEach(outcome -> uploaded.put(outcome,
                        SamplePdf.invoice(loadLabels.get(load) + outcome.sequence())));
            }
        }
        List<Outcome> outcomes = List.copyOf(uploaded.keySet());

        SteadyLoad.assertEveryRequestAnswered(outcomes);
        assertEquals(List.of(), ledger.rowsWithoutBlob(), "rows whose blob is missing");
        awaitSwept(leftovers);
        // The sweeper has run since the database returned: it removed what no row references, and only that.
        assertEquals(Set.of(), ledger.blobsWithoutRow(), "orphaned blobs the sweeper left");
        assertEquals(List.of(), ledger.unfinishedWrites(), "unfinished writes the sweeper left");
        assertEquals(List.of(), ledger.rowsWithoutBlob(), "the sweeper deleted blobs that rows reference");
        assertAcceptedInvoicesIntact(fleet, key, uploaded);
        Set<String> before = storedBefore.stream().map(InvoiceLedger.Row::blobKey).collect(Collectors.toSet());
        Set<String> after = ledger.rows().stream().map(InvoiceLedger.Row::blobKey).collect(Collectors.toSet());
        assertTrue(after.containsAll(before), "invoices stored before the outage were lost");

        long refused = outcomes.stream().filter(outcome -> outcome.status() != 201).count();
        System.out.printf("PostgreSQL outage: %d uploads, %d refused, slowest answer %d ms%n", outcomes.size(), refused,
                SteadyLoad.slowest(outcomes).toMillis());
        String unhandled = unhandledFailures(fleet);
        for (Outcome outcome : outcomes) {
            if (outcome.status() != 201) {
                assertServiceUnavailable(outcome.response(), unhandled);
            }
        }
        readsDuringOutage.forEach(response -> assertServiceUnavailable(response, unhandled));
    }

    /** What the replicas logged as unhandled: the cause of any 500, for the failure message. */
    private static String unhandledFailures(Fleet fleet) throws IOException {
        StringBuilder failures = new StringBuilder();
        for (ServiceInstance invoice : fleet.invoices()) {
            List<String> lines = Files.readAllLines(invoice.log());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("Unhandled failure")) {
                    lines.subList(i, Math.min(lines.size(), i + 12)).forEach(line -> failures.append(line).append('\n'));
                }
            }
        }
        return failures.toString();
    }

    /** Every 201 names a row with the uploaded file's hash, and the file reads back byte for byte. */
    private static void assertAcceptedInvoicesIntact(Fleet fleet, CreatedKey key, Map<Outcome, byte[]> uploaded)
            throws Exception {
        Map<UUID, InvoiceLedger.Row> rows = fleet.ledger().rowsOfKey(key.id()).stream()
                .collect(Collectors.toMap(InvoiceLedger.Row::id, row -> row));
        int accepted = 0;
        for (Map.Entry<Outcome, byte[]> upload : uploaded.entrySet()) {
            Outcome outcome = upload.getKey();
            if (outcome.status() != 201) {
                continue;
            }
            accepted++;
            JsonNode data = ApiCalls.json(outcome.response()).path("data");
            UUID id = UUID.fromString(data.path("id").asText());
            InvoiceLedger.Row row = rows.get(id);
            assertTrue(row != null, "accepted but not stored: " + outcome);
            assertEquals(data.path("sha256").asText(), row.sha256(), outcome.toString());
            HttpResponse<byte[]> file = ApiCalls.file(fleet.invoice(accepted % fleet.invoices().size()), key.key(), id.toString());
            assertEquals(200, file.statusCode(), "file of " + id);
            assertArrayEquals(upload.getValue(), file.body(), "file of " + id + " differs from what was uploaded");
        }
        assertTrue(accepted > 0, "nothing was accepted");
    }

    /**
     * What a replica killed between writing a blob and committing its row leaves behind: a blob no
     * row references and a staging file, both older than the sweeper's grace period. Their
     * disappearance is the sign that a sweep ran after the outage.
     */
    private static List<Path> plantCrashLeftovers(Path blobDirectory) throws IOException {
        String key = UUID.randomUUID().toString();
        Path orphan = blobDirectory.resolve(key.substring(0, 2)).resolve(key);
        Path staging = blobDirectory.resolve(".staging").resolve(UUID.randomUUID() + "." + UUID.randomUUID());
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        for (Path file : List.of(orphan, staging)) {
            Files.createDirectories(file.getParent());
            Files.write(file, SamplePdf.invoice("left by a crash"));
            Files.setLastModifiedTime(file, old);
        }
        return List.of(orphan, staging);
    }

    private static void awaitSwept(List<Path> leftovers) throws InterruptedException {
        Instant deadline = Instant.now().plus(SWEEP_TIMEOUT);
        while (Instant.now().isBefore(deadline) && leftovers.stream().anyMatch(Files::exists)) {
            Thread.sleep(250);
        }
        assertEquals(List.of(), leftovers.stream().filter(Files::exists).toList(),
                "the sweeper did not remove crash leftovers within " + SWEEP_TIMEOUT);
    }

    private static void assertServiceUnavailable(HttpResponse<String> response, String unhandledFailures) {
        try {
            JsonNode envelope = ApiCalls.json(response);
            assertEquals(503, response.statusCode(), ApiCalls.describe(response) + "\n" + unhandledFailures);
            assertEquals(false, envelope.path("success").asBoolean(true), ApiCalls.describe(response));
            assertEquals(503, envelope.path("status").asInt(), ApiCalls.describe(response));
            assertEquals("SERVICE_UNAVAILABLE", envelope.path("code").asText(), ApiCalls.describe(response));
        } catch (IOException e) {
            throw new AssertionError("not an envelope: " + ApiCalls.describe(response), e);
        }
    }
}
