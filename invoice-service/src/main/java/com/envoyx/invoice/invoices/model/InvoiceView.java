package com.envoyx.invoice.invoices.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An invoice as clients see it, in GET answers and as the {@code data} of a webhook event: no
 * account, key or storage details. {@code error_message} says why processing FAILED or which checks
 * a FLAGGED document failed; {@code extracted} is what processing read and {@code validation} the
 * checks it ran (both absent until then, and on FAILED); {@code processed_at} is null until
 * processing ended.
 */
public record InvoiceView(
        UUID id,
        String fileName,
        long fileSize,
        String sha256,
        InvoiceStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage,
        @JsonInclude(JsonInclude.Include.NON_NULL) ExtractedContent extracted,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CheckResult> validation,
        Instant uploadedAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant processedAt) {

    public static InvoiceView of(Invoice invoice) {
        return new InvoiceView(invoice.id, invoice.fileName, invoice.fileSize, invoice.sha256, invoice.status,
                invoice.errorMessage, invoice.extracted, invoice.validation == null ? null : invoice.validation.checks(),
                invoice.uploadedAt, invoice.updatedAt,
                invoice.processedAt);
    }

    /**
     * The invoice as it stood at a stage inside PROCESSING ({@code invoice.extracted},
     * {@code invoice.validated}): what was known then, no outcome yet.
     */
    public InvoiceView atStage(ExtractedContent stageExtracted, List<CheckResult> stageValidation) {
        return new InvoiceView(id, fileName, fileSize, sha256, InvoiceStatus.PROCESSING, null, stageExtracted,
                stageValidation, uploadedAt, updatedAt, null);
    }
}
