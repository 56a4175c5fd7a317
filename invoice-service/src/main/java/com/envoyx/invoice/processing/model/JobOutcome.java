package com.envoyx.invoice.processing.model;

import java.util.List;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.invoices.model.ExtractedContent;
import com.envoyx.invoice.invoices.model.InvoiceStatus;

/**
 * How a job ends: PROCESSED or FLAGGED with what was read and the checks run over it (null for a
 * scan, whose checks are not run), or FAILED. {@code message} is what the customer reads in
 * {@code error_message}: why it failed, or what a FLAGGED document failed; {@code flags} names the
 * failed checks and document rules of a FLAGGED one.
 */
public record JobOutcome(InvoiceStatus status, String message, ExtractedContent extracted, List<CheckResult> validation,
                         List<String> flags) {

    public JobOutcome {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public static JobOutcome failed(String message) {
        return new JobOutcome(InvoiceStatus.FAILED, message, null, null, List.of());
    }
}
