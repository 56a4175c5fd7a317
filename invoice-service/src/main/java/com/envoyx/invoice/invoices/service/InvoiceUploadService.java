package com.envoyx.invoice.invoices.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.events.service.InvoiceEvents;
import com.envoyx.invoice.idempotency.model.IdempotencyClaim;
import com.envoyx.invoice.idempotency.model.StoredResponse;
import com.envoyx.invoice.idempotency.service.IdempotencyService;
import com.envoyx.invoice.invoices.model.Invoice;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.repository.InvoiceRepository;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.platform.Sha256;
import com.envoyx.invoice.storage.repository.BlobStore;
import com.envoyx.invoice.upload.config.UploadConfig;
import com.envoyx.invoice.upload.model.InspectedFile;
import com.envoyx.invoice.upload.model.ReceivedFile;
import com.envoyx.invoice.upload.service.FileNameSanitizer;
import com.envoyx.invoice.upload.service.PdfInspector;
import com.envoyx.invoice.webhooks.service.WebhookOutbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Accepting an upload. Order matters: validate (nothing stored yet), claim the Idempotency-Key,
 * write the blob, then insert the row and complete the claim in one transaction. So a row never
 * exists without its blob; a blob without a row (crash before commit) is swept later; a failure
 * removes the blob and releases the claim.
 */
@ApplicationScoped
public class InvoiceUploadService {

    private static final Logger LOG = Logger.getLogger(InvoiceUploadService.class);

    private final InvoiceRepository invoices;
    private final BlobStore blobs;
    private final PdfInspector inspector;
    private final FileNameSanitizer names;
    private final IdempotencyService idempotency;
    private final UploadConfig config;
    private final OnWorker worker;
    private final Clock clock;
    private final InvoiceEvents events;
    private final WebhookOutbox webhooks;

    InvoiceUploadService(InvoiceRepository invoices, BlobStore blobs, PdfInspector inspector, FileNameSanitizer names,
                         IdempotencyService idempotency, UploadConfig config, OnWorker worker,
                         Clock clock, InvoiceEvents events, WebhookOutbox webhooks) {
        this.invoices = invoices;
        this.blobs = blobs;
        this.inspector = inspector;
        this.names = names;
        this.idempotency = idempotency;
        this.config = config;
        this.worker = worker;
        this.clock = clock;
        this.events = events;
        this.webhooks = webhooks;
    }

    /**
     * The response to send: a fresh one or the replay of an earlier identical request.
     * {@code answer} renders the response of a fresh upload; it is stored with the invoice, in the
     * same transaction, so that a replay repeats it byte for byte (the adapter decides its shape).
     */
    public Uni<UploadResult> upload(KeyPrincipal principal, ReceivedFile part, Optional<String> idempotencyKey,
                                    Function<Invoice, StoredResponse> answer) {
        checkSize(part);
        idempotencyKey.ifPresent(idempotency::validateKey);
        String fileName = names.sanitize(part.clientFileName());
        return worker.call(() -> inspector.inspect(part.path())).flatMap(file -> {
            if (!file.pdf()) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.UNSUPPORTED_FILE_TYPE,
                        "Only PDF files are accepted; this file is not a readable PDF."));
            }
            if (idempotencyKey.isEmpty()) {
                return store(principal, part, file, fileName, null, answer).map(response -> new UploadResult(response, false));
            }
            String requestHash = Sha256.of(file.sha256() + "\n" + fileName);
            return idempotency.claim(principal.accountId(), idempotencyKey.get(), requestHash).flatMap(claim ->
                    claim.isReplay()
                            ? Uni.createFrom().item(new UploadResult(claim.replay(), true))
                            : store(principal, part, file, fileName, claim, answer)
                                    .onFailure().call(() -> idempotency.release(claim.recordId()))
                                    .map(response -> new UploadResult(response, false)));
        });
    }

    private void checkSize(ReceivedFile part) {
        if (part.size() == 0) {
            throw ApiException.validation("The file is empty.");
        }
        if (part.size() > config.maxFileSize()) {
            throw new ApiException(ErrorCode.FILE_TOO_LARGE);
        }
    }

    private Uni<StoredResponse> store(KeyPrincipal principal, ReceivedFile part, InspectedFile file, String fileName,
                                      IdempotencyClaim claim, Function<Invoice, StoredResponse> answer) {
        Invoice invoice = newInvoice(principal, file, fileName, blobs.newKey());
        StoredResponse response = answer.apply(invoice);
        return blobs.put(invoice.blobKey, part.path())
                .chain(() -> Panache.withTransaction(() -> invoices.persist(invoice)
                                .chain(() -> webhooks.record(InvoiceEventType.UPLOADED, invoice, invoice.uploadedAt))
                                .chain(() -> claim == null ? Uni.createFrom().voidItem()
                                        : idempotency.complete(claim.recordId(), response)))
                        .onFailure().call(() -> blobs.delete(invoice.blobKey)
                                .onFailure().invoke(e -> LOG.warnf("Blob %s left for the sweeper: %s",
                                        invoice.blobKey, e.getMessage()))
                                .onFailure().recoverWithNull()))
                .invoke(() -> events.announce(InvoiceEvent.of(InvoiceEventType.UPLOADED, invoice.accountId, invoice.id,
                        invoice.status, invoice.uploadedAt)))
                .replaceWith(response);
    }

    private Invoice newInvoice(KeyPrincipal principal, InspectedFile file, String fileName, String blobKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.accountId = principal.accountId();
        invoice.apiKeyId = principal.keyId();
        invoice.fileName = fileName;
        invoice.fileSize = file.size();
        invoice.sha256 = file.sha256();
        invoice.blobKey = blobKey;
        invoice.status = InvoiceStatus.PENDING;
        invoice.uploadedAt = now;
        invoice.updatedAt = now;
        return invoice;
    }

    /** What to answer; {@code replayed} when it is a stored earlier response. */
    public record UploadResult(StoredResponse response, boolean replayed) {
    }
}
