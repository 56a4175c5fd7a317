package com.envoyx.invoice.processing.model;

import com.envoyx.invoice.invoices.model.ExtractedMetadata;
import com.envoyx.invoice.invoices.model.InvoiceStatus;

/**
 * How a job ends: PROCESSED or FLAGGED with metadata, or FAILED. {@code message} is what the
 * customer reads in {@code error_message}: why it failed, or the rules a FLAGGED document broke.
 */
public record JobOutcome(InvoiceStatus status, String message, ExtractedMetadata metadata) {

    public static JobOutcome failed(String message) {
        return new JobOutcome(InvoiceStatus.FAILED, message, null);
    }
}
