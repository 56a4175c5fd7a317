package com.envoyx.invoice.storage.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.invoice.idempotency.service.IdempotencyService;
import com.envoyx.invoice.invoices.service.InvoiceService;
import com.envoyx.invoice.storage.config.StorageConfig;
import com.envoyx.invoice.storage.repository.BlobStore;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps storage and database in step: deletes blobs older than the grace period that no
 * invoice row references (uploads that crashed before commit, deletes that crashed after it),
 * abandoned partial writes, and expired idempotency records. The grace period covers uploads
 * still in flight, whose blob is written before their row commits.
 */
@ApplicationScoped
public class BlobSweeper {

    private static final Logger LOG = Logger.getLogger(BlobSweeper.class);
    private static final int BATCH = 500;

    private final BlobStore blobs;
    private final InvoiceService invoices;
    private final IdempotencyService idempotency;
    private final StorageConfig config;
    private final Clock clock;

    BlobSweeper(BlobStore blobs, InvoiceService invoices, IdempotencyService idempotency, StorageConfig config,
                Clock clock) {
        this.blobs = blobs;
        this.invoices = invoices;
        this.idempotency = idempotency;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${envoyx.storage.sweep-interval}", delayed = "${envoyx.storage.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        return sweep().onFailure().invoke(e -> LOG.warnf("Sweep failed, retried next interval: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One sweep; returns the number of orphaned blobs deleted. */
    public Uni<Integer> sweep() {
        Instant cutoff = clock.instant().minus(config.orphanGrace());
        return blobs.purgeAbandonedWrites(cutoff)
                .chain(() -> blobs.listOlderThan(cutoff))
                .chain(keys -> Multi.createFrom().iterable(partition(keys))
                        .onItem().transformToUniAndConcatenate(this::deleteOrphans)
                        .collect().with(Collectors.summingInt(Integer::intValue)))
                .call(deleted -> idempotency.purgeExpired())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Swept %d orphaned blob(s)", deleted);
                    }
                });
    }

    private Uni<Integer> deleteOrphans(List<String> keys) {
        return invoices.referencedBlobKeys(keys).chain(existing -> {
            Set<String> referenced = new HashSet<>(existing);
            List<String> orphans = keys.stream().filter(key -> !referenced.contains(key)).toList();
            return Multi.createFrom().iterable(orphans)
                    .onItem().transformToUniAndConcatenate(blobs::delete)
                    .collect().last()
                    .replaceWith(orphans.size());
        });
    }

    private static List<List<String>> partition(List<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += BATCH) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + BATCH)));
        }
        return batches;
    }
}
