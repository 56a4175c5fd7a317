package com.envoyx.invoice.processing.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.extraction.model.ExtractedField;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.extraction.model.LineItem;
import com.envoyx.invoice.invoices.model.ExtractedContent;
import com.envoyx.invoice.invoices.model.ExtractedMetadata;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.rest.UploadResponses;
import com.envoyx.invoice.invoices.service.InvoiceUploadService;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.processing.model.ClaimedJob;
import com.envoyx.invoice.processing.model.JobOutcome;
import com.envoyx.invoice.testing.MovableClock;
import com.envoyx.invoice.testing.OfflineServicesResource;
import com.envoyx.invoice.testing.OnVertx;
import com.envoyx.invoice.testing.Principals;
import com.envoyx.invoice.testing.QueueOnlyProfile;
import com.envoyx.invoice.testing.TestFileUpload;
import com.envoyx.invoice.testing.TestPdfs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The queue as competing replicas use it, against the real PostgreSQL: workers are just owner
 * names, and lease expiry is reached by moving the service clock, never by sleeping.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
@WithTestResource(OfflineServicesResource.class)
class JobQueueTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    JobQueue queue;
    @Inject
    InvoiceUploadService uploads;
    @Inject
    UploadResponses responses;
    @Inject
    MovableClock clock;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void emptyQueue() {
        pool.query("DELETE FROM invoices").execute().await().atMost(WAIT);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void twoConcurrentWorkersShareTheQueueAndEveryJobCompletesExactlyOnce() throws Exception {
        Set<UUID> uploaded = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            uploaded.add(upload());
        }
        Map<UUID, AtomicInteger> completions = new ConcurrentHashMap<>();
        List<UUID> claimedByA = Collections.synchronizedList(new ArrayList<>());
        List<UUID> claimedByB = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = workers.submit(() -> work("worker-a", start, claimedByA, completions));
            Future<?> b = workers.submit(() -> work("worker-b", start, claimedByB, completions));
            start.countDown();
            a.get();
            b.get();
        } finally {
            workers.shutdownNow();
        }

        Set<UUID> overlap = new HashSet<>(claimedByA);
        overlap.retainAll(claimedByB);
        assertEquals(Set.of(), overlap, "no job is claimed by both workers");
        assertEquals(uploaded, completions.keySet());
        completions.forEach((id, count) -> assertEquals(1, count.get(), "completions of " + id));
        for (UUID id : uploaded) {
            assertEquals("PROCESSED", row(id).getString("status"));
            assertEquals(1, row(id).getInteger("attempts"));
        }
        System.out.printf("JobQueueTest: worker-a took %d jobs, worker-b %d%n", claimedByA.size(), claimedByB.size());
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheFormerHolderCanNoLongerWrite() {
        UUID id = upload();
        ClaimedJob first = single(claim("worker-a"));
        assertEquals(id, first.invoiceId());
        assertEquals(1, first.attempt());
        assertEquals(InvoiceStatus.PENDING, first.previousStatus());
        assertEquals(List.of(), claim("worker-b"), "a held lease is not claimable");

        clock.advance(LEASE.plusSeconds(1));
        ClaimedJob takeover = single(claim("worker-b"));
        assertEquals(id, takeover.invoiceId());
        assertEquals(2, takeover.attempt());
        assertEquals(InvoiceStatus.PROCESSING, takeover.previousStatus());

        assertFalse(queue.renew(first, clock.instant().plus(LEASE)).await().atMost(WAIT));
        assertFalse(queue.complete(first, processed(), clock.instant()).await().atMost(WAIT));
        assertFalse(queue.retryLater(first, clock.instant()).await().atMost(WAIT));
        assertEquals("worker-b", row(id).getString("lease_owner"));
        assertTrue(queue.complete(takeover, processed(), clock.instant()).await().atMost(WAIT));
        assertEquals("PROCESSED", row(id).getString("status"));
        assertFalse(queue.complete(takeover, processed(), clock.instant()).await().atMost(WAIT),
                "a finished job completes once");
    }

    @Test
    void theSameWorkerReclaimingItsOwnExpiredJobIsFencedByTheAttempt() {
        upload();
        ClaimedJob first = single(claim("worker-a"));
        clock.advance(LEASE.plusSeconds(1));
        ClaimedJob second = single(claim("worker-a"));
        assertFalse(queue.complete(first, processed(), clock.instant()).await().atMost(WAIT));
        assertTrue(queue.complete(second, processed(), clock.instant()).await().atMost(WAIT));
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstTerm() {
        upload();
        ClaimedJob job = single(claim("worker-a"));
        clock.advance(LEASE.multipliedBy(2).dividedBy(3));
        assertTrue(queue.renew(job, clock.instant().plus(LEASE)).await().atMost(WAIT));
        clock.advance(LEASE.multipliedBy(2).dividedBy(3));
        assertEquals(List.of(), claim("worker-b"), "the renewed lease still holds past the first term");
        clock.advance(LEASE);
        assertEquals(job.invoiceId(), single(claim("worker-b")).invoiceId());
    }

    @Test
    void aRetryWaitsForItsTimeAndCountsTheAttempt() {
        upload();
        ClaimedJob job = single(claim("worker-a"));
        assertTrue(queue.retryLater(job, clock.instant().plusSeconds(10)).await().atMost(WAIT));
        assertEquals(List.of(), claim("worker-b"));
        clock.advance(Duration.ofSeconds(11));
        assertEquals(2, single(claim("worker-b")).attempt());
    }

    @Test
    void aHandedBackJobIsClaimableAtOnceWithItsAttemptReturned() {
        upload();
        ClaimedJob job = single(claim("worker-a"));
        assertTrue(queue.handBack(job, clock.instant()).await().atMost(WAIT));
        ClaimedJob next = single(claim("worker-b"));
        assertEquals(1, next.attempt());
    }

    /** Issue 15, item 4: one account's backlog cannot starve another account's later upload. */
    @Test
    void anotherAccountsLaterUploadIsClaimedBeforeOneAccountsBacklogDrains() {
        KeyPrincipal busy = Principals.ofNewAccount();
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            backlog.add(upload(busy));
            clock.advance(Duration.ofMillis(10));
        }
        assertEquals(backlog.get(0), claimOne("worker-a"));

        clock.advance(Duration.ofSeconds(1));
        UUID newcomer = upload(Principals.ofNewAccount());
        assertEquals(newcomer, claimOne("worker-b"), "next in line although 19 older jobs wait");
        assertEquals(backlog.get(1), claimOne("worker-a"), "then the backlog, oldest first");

        UUID another = upload(Principals.ofNewAccount());
        clock.advance(Duration.ofMillis(10));
        UUID third = upload(Principals.ofNewAccount());
        List<ClaimedJob> both = queue.claim("worker-c", 2, clock.instant(), clock.instant().plus(LEASE)).await().atMost(WAIT);
        assertEquals(List.of(another, third), both.stream().map(ClaimedJob::invoiceId).toList(),
                "accounts with nothing running go before one with two running");
    }

    @Test
    void claimsTakeTheOldestUploadFirstAndNoMoreThanAsked() {
        UUID oldest = upload();
        clock.advance(Duration.ofSeconds(1));
        UUID middle = upload();
        clock.advance(Duration.ofSeconds(1));
        upload();
        List<ClaimedJob> jobs = queue.claim("worker-a", 2, clock.instant(), clock.instant().plus(LEASE))
                .await().atMost(WAIT);
        assertEquals(List.of(oldest, middle), jobs.stream().map(ClaimedJob::invoiceId).toList());
    }

    @Test
    void completionStoresTheOutcomeTheExtractionAndTheChecksAsJson() throws Exception {
        UUID id = upload();
        ClaimedJob job = single(claim("worker-a"));
        ExtractedMetadata metadata = new ExtractedMetadata(120, "1.7", false, false, "T", null, null, null, null, null,
                "2026-03-01T09:30:00Z", null, List.of("NO_TEXT_LAYER", "TOO_MANY_PAGES"));
        ExtractedContent extracted = ExtractedContent.of(InvoiceExtraction.of(
                Map.of(InvoiceField.INVOICE_NUMBER, new ExtractedField("A-1", 0.9)),
                List.of(new LineItem("Widget", "2", "5.00", "10.00"))), metadata);
        List<CheckResult> checks = List.of(new CheckResult(CheckResult.REQUIRED_FIELDS, false, "Not found: total_amount."));
        assertTrue(queue.complete(job, new JobOutcome(InvoiceStatus.FLAGGED, "why", extracted, checks,
                List.of("required_fields")), clock.instant()).await().atMost(WAIT));
        Row row = row(id);
        assertEquals("FLAGGED", row.getString("status"));
        assertEquals("why", row.getString("error_message"));
        assertEquals(row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("processed_at"));
        JsonNode stored = json.readTree(row.getJsonObject("extracted").encode());
        assertEquals(120, stored.get("pdf").get("page_count").asInt());
        assertEquals("NO_TEXT_LAYER", stored.get("pdf").get("flags").get(0).asText());
        assertEquals("A-1", stored.get("fields").get("invoice_number").get("value").asText());
        assertTrue(stored.get("fields").get("total_amount").get("value").isNull());
        assertEquals(12, stored.get("fields").size());
        assertEquals("10.00", stored.get("line_items").get(0).get("amount").asText());
        JsonNode validation = json.readTree(row.getJsonObject("validation").encode()).get("checks");
        assertEquals("required_fields", validation.get(0).get("check").asText());
        assertFalse(validation.get(0).get("passed").asBoolean());
        assertEquals(null, row.getString("lease_owner"));
    }

    /**
     * not_duplicate asks the database: an earlier invoice of the same account with the same vendor
     * and number (compared without case) makes the next one a duplicate; another account's, another
     * number's, or one with no vendor never does.
     */
    @Test
    void aReadCompletionLearnsWhetherTheAccountHasThatVendorAndNumberAlready() {
        KeyPrincipal key = Principals.ofNewAccount();
        assertEquals(false, completeRead(upload(key), "Northwind Traders LLC", "INV-1"));
        assertEquals(true, completeRead(upload(key), "NORTHWIND traders llc", "inv-1"));
        assertEquals(false, completeRead(upload(key), "Northwind Traders LLC", "INV-2"));
        assertEquals(false, completeRead(upload(), "Northwind Traders LLC", "INV-1"));
        assertEquals(false, completeRead(upload(key), null, "INV-1"));
    }

    /** Claims the invoice and completes it as read from vendor and number; answers what the check was told. */
    private boolean completeRead(UUID id, String vendor, String number) {
        ClaimedJob job = single(queue.claim("worker-d", 10, clock.instant(), clock.instant().plus(LEASE))
                .await().atMost(WAIT));
        assertEquals(id, job.invoiceId());
        Map<InvoiceField, ExtractedField> fields = new EnumMap<>(InvoiceField.class);
        if (vendor != null) {
            fields.put(InvoiceField.VENDOR_NAME, new ExtractedField(vendor, 0.9));
        }
        fields.put(InvoiceField.INVOICE_NUMBER, new ExtractedField(number, 0.9));
        ExtractedContent extracted = ExtractedContent.of(InvoiceExtraction.of(fields, List.of()),
                new ExtractedMetadata(1, "1.7", true, false, null, null, null, null, null, null, null, null, List.of()));
        AtomicBoolean told = new AtomicBoolean();
        JobOutcome outcome = queue.completeRead(job, vendor, number, duplicate -> {
            told.set(duplicate);
            return new JobOutcome(InvoiceStatus.PROCESSED, null, extracted, List.of(), List.of());
        }, clock.instant()).await().atMost(WAIT);
        assertEquals(InvoiceStatus.PROCESSED, outcome.status());
        return told.get();
    }

    private void work(String owner, CountDownLatch start, List<UUID> claimed, Map<UUID, AtomicInteger> completions) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<ClaimedJob> jobs;
        do {
            Instant now = clock.instant();
            jobs = queue.claim(owner, 3, now, now.plus(LEASE)).await().atMost(WAIT);
            for (ClaimedJob job : jobs) {
                claimed.add(job.invoiceId());
                if (queue.complete(job, processed(), clock.instant()).await().atMost(WAIT)) {
                    completions.computeIfAbsent(job.invoiceId(), id -> new AtomicInteger()).incrementAndGet();
                }
            }
        } while (!jobs.isEmpty());
    }

    private List<ClaimedJob> claim(String owner) {
        Instant now = clock.instant();
        return queue.claim(owner, 10, now, now.plus(LEASE)).await().atMost(WAIT);
    }

    private static ClaimedJob single(List<ClaimedJob> jobs) {
        assertEquals(1, jobs.size(), "claimed " + jobs);
        return jobs.get(0);
    }

    private static JobOutcome processed() {
        return new JobOutcome(InvoiceStatus.PROCESSED, null, ExtractedContent.of(InvoiceExtraction.of(Map.of(), List.of()),
                new ExtractedMetadata(1, "1.7", true, false, null, null, null, null, null, null, null, null, List.of())),
                List.of(), List.of());
    }

    /** One job, as a replica with one free parse slot claims. */
    private UUID claimOne(String owner) {
        return single(queue.claim(owner, 1, clock.instant(), clock.instant().plus(LEASE)).await().atMost(WAIT)).invoiceId();
    }

    private UUID upload() {
        return upload(Principals.ofNewAccount());
    }

    private UUID upload(KeyPrincipal key) {
        var result = OnVertx.await(() -> uploads.upload(key, TestFileUpload.of("q.pdf", TestPdfs.minimal()),
                Optional.empty(), responses::created));
        try {
            return UUID.fromString(json.readTree(result.response().body()).get("data").get("id").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Row row(UUID id) {
        return pool.preparedQuery("SELECT * FROM invoices WHERE id = $1").execute(Tuple.of(id)).await().atMost(WAIT)
                .iterator().next();
    }
}
