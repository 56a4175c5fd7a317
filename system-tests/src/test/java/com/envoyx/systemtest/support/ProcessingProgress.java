package com.envoyx.systemtest.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where invoice-service's processing pipeline stands, seen from outside: the invoice rows (the
 * queue is the row) and each replica's {@code envoyx_processing_jobs_total}.
 */
public final class ProcessingProgress {

    /** The outcomes that end a job; every other outcome (retried, lost, handed_back) leaves it to a later claim. */
    public static final List<String> COMPLETIONS = List.of("processed", "flagged", "failed");
    private static final Set<String> FINAL_STATUSES = Set.of("PROCESSED", "FLAGGED", "FAILED");
    private static final String JOBS = "envoyx_processing_jobs_total";

    private ProcessingProgress() {
    }

    /** Jobs this replica has completed since it started (its counters start at zero with the process). */
    public static long completions(ServiceInstance replica) throws IOException, InterruptedException {
        PrometheusMetrics metrics = PrometheusMetrics.scrape(replica.url());
        return COMPLETIONS.stream().mapToLong(outcome -> (long) metrics.sum(JOBS, Map.of("outcome", outcome))).sum();
    }

    /** This replica's count of one outcome ({@code processed}, {@code lost}, ...). */
    public static long count(ServiceInstance replica, String outcome) throws IOException, InterruptedException {
        return (long) PrometheusMetrics.scrape(replica.url()).sum(JOBS, Map.of("outcome", outcome));
    }

    /** Waits until no invoice is PENDING or PROCESSING. */
    public static void awaitIdle(InvoiceLedger ledger, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<InvoiceLedger.Row> unfinished = ledger.unfinishedRows();
        while (!unfinished.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("invoices still unprocessed after " + timeout + ": " + unfinished);
            }
            Thread.sleep(100);
            unfinished = ledger.unfinishedRows();
        }
    }

    /** Waits until the invoice's processing has ended (PROCESSED, FLAGGED or FAILED) and returns its row. */
    public static InvoiceLedger.Row awaitFinished(InvoiceLedger ledger, UUID invoiceId, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<InvoiceLedger.Row> row = ledger.row(invoiceId);
            if (row.isPresent() && FINAL_STATUSES.contains(row.get().status())) {
                return row.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("invoice " + invoiceId + " not processed after " + timeout + ": " + row);
            }
            Thread.sleep(100);
        }
    }
}
