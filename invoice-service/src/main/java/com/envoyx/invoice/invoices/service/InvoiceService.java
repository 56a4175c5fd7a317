package com.envoyx.invoice.invoices.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.events.service.InvoiceEvents;
import com.envoyx.invoice.invoices.model.Invoice;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.repository.InvoiceRepository;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.repository.BlobStore;
import com.envoyx.invoice.webhooks.service.WebhookOutbox;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Reading, deleting and re-labelling an account's invoices. Uploads: {@link InvoiceUploadService}. */
@ApplicationScoped
public class InvoiceService {

    private static final Logger LOG = Logger.getLogger(InvoiceService.class);

    private final InvoiceRepository invoices;
    private final BlobStore blobs;
    private final Clock clock;
    private final InvoiceEvents events;
    private final WebhookOutbox webhooks;

    InvoiceService(InvoiceRepository invoices, BlobStore blobs, Clock clock, InvoiceEvents events,
                   WebhookOutbox webhooks) {
        this.invoices = invoices;
        this.blobs = blobs;
        this.clock = clock;
        this.events = events;
        this.webhooks = webhooks;
    }

    @WithSession
    public Uni<InvoicePage> list(UUID accountId, Optional<InvoiceStatus> status, int page, int pageSize) {
        return invoices.count(accountId, status).flatMap(total -> invoices.page(accountId, status, page - 1, pageSize)
                .map(list -> new InvoicePage(list, total, page, pageSize)));
    }

    @WithSession
    public Uni<Invoice> get(UUID accountId, UUID id) {
        return invoices.findOwned(accountId, id).onItem().ifNull().failWith(ApiException::notFound);
    }

    /** Which of these blob keys an invoice row references (for the storage sweeper). */
    @WithSession
    public Uni<List<String>> referencedBlobKeys(Collection<String> blobKeys) {
        return invoices.existingBlobKeys(blobKeys);
    }

    /** The invoice and a local file with its bytes; the caller releases the file once it is sent. */
    public Uni<InvoiceFile> file(UUID accountId, UUID id) {
        return get(accountId, id).flatMap(invoice -> blobs.open(invoice.blobKey)
                .map(blob -> new InvoiceFile(invoice, blob))
                .onFailure(BlobNotFoundException.class).transform(e -> {
                    LOG.errorf("Invoice %s has no blob under %s", invoice.id, invoice.blobKey);
                    return new ApiException(ErrorCode.INTERNAL_ERROR);
                }));
    }

    /**
     * Deletes the row first, then the blob: a crash in between leaves an orphaned blob for the
     * sweeper, never a row pointing at nothing.
     */
    public Uni<Void> delete(UUID accountId, UUID id) {
        return deleteRow(accountId, id)
                .invoke(deleted -> events.announce(InvoiceEvent.of(InvoiceEventType.DELETED, accountId, id, deleted.status,
                        clock.instant().truncatedTo(ChronoUnit.MICROS))))
                .flatMap(deleted -> blobs.delete(deleted.blobKey)
                        .onFailure().invoke(e -> LOG.warnf("Blob %s of deleted invoice %s left for the sweeper: %s",
                                deleted.blobKey, id, e.getMessage()))
                        .onFailure().recoverWithNull());
    }

    /** Sets a customer's decision; announced once committed. */
    public Uni<Invoice> changeStatus(UUID accountId, UUID id, InvoiceStatus target) {
        return updateStatus(accountId, id, target).invoke(invoice -> events.announce(InvoiceEvent.of(
                decision(invoice.status), accountId, id, invoice.status, invoice.updatedAt)));
    }

    private static InvoiceEventType decision(InvoiceStatus status) {
        return switch (status) {
            case APPROVED -> InvoiceEventType.APPROVED;
            case REJECTED -> InvoiceEventType.REJECTED;
            case PAID -> InvoiceEventType.PAID;
            default -> throw new IllegalStateException("not a customer decision: " + status);
        };
    }

    @WithTransaction
    Uni<Invoice> updateStatus(UUID accountId, UUID id, InvoiceStatus target) {
        return invoices.findOwnedForUpdate(accountId, id).onItem().ifNull().failWith(ApiException::notFound)
                .invoke(invoice -> {
                    if (!invoice.status.customerMayMoveTo(target)) {
                        throw new ApiException(ErrorCode.INVALID_STATUS_TRANSITION, refusal(invoice.status, target));
                    }
                    invoice.status = target;
                    invoice.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                })
                .call(invoice -> webhooks.record(decision(invoice.status), invoice, invoice.updatedAt));
    }

    private static String refusal(InvoiceStatus from, InvoiceStatus target) {
        Set<InvoiceStatus> open = from.customerTargets();
        String allowed = open.isEmpty()
                ? "it takes no review decision in that status"
                : "from " + from + " it may be set to " + String.join(" or ", open.stream().map(Enum::name).toList());
        return "An invoice in status " + from + " cannot be set to " + target + ": " + allowed
                + " (APPROVED or REJECTED after PROCESSED or FLAGGED, PAID after PROCESSED or APPROVED).";
    }

    @WithTransaction
    Uni<Invoice> deleteRow(UUID accountId, UUID id) {
        return invoices.findOwnedForUpdate(accountId, id).onItem().ifNull().failWith(ApiException::notFound)
                .call(invoice -> webhooks.record(InvoiceEventType.DELETED, invoice,
                        clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .call(invoices::delete);
    }
}
