package com.envoyx.invoice.invoices.model;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An invoice as clients see it, in GET answers and as the {@code data} of a webhook event: no
 * account, key or storage details. {@code error_message} says why processing FAILED or which rules
 * a FLAGGED document broke; {@code extracted} is what processing read (absent until then, and on FAILED).
 */
public record InvoiceView(
        UUID id,
        String fileName,
        long fileSize,
        String sha256,
        InvoiceStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage,
        @JsonInclude(JsonInclude.Include.NON_NULL) ExtractedMetadata extracted,
        Instant uploadedAt,
        Instant updatedAt) {

    public static InvoiceView of(Invoice invoice) {
        return new InvoiceView(invoice.id, invoice.fileName, invoice.fileSize, invoice.sha256, invoice.status,
                invoice.errorMessage, invoice.extracted, invoice.uploadedAt, invoice.updatedAt);
    }
}
