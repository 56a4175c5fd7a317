package com.envoyx.contracts.events;

import java.util.List;

/**
 * The names of invoice events as customers see them (a WebSocket event's {@code event}, a
 * webhook's {@code event}): invoice-service emits them, the dashboard offers them as webhook
 * subscriptions.
 */
public final class InvoiceEventNames {

    public static final String UPLOADED = "invoice.uploaded";
    public static final String PROCESSING = "invoice.processing";
    public static final String EXTRACTED = "invoice.extracted";
    public static final String VALIDATED = "invoice.validated";
    public static final String PROCESSED = "invoice.processed";
    public static final String FLAGGED = "invoice.flagged";
    public static final String FAILED = "invoice.failed";
    public static final String APPROVED = "invoice.approved";
    public static final String REJECTED = "invoice.rejected";
    public static final String PAID = "invoice.paid";
    public static final String DELETED = "invoice.deleted";

    /** Every invoice event, in lifecycle order. */
    public static final List<String> ALL = List.of(UPLOADED, PROCESSING, EXTRACTED, VALIDATED, PROCESSED, FLAGGED,
            FAILED, APPROVED, REJECTED, PAID, DELETED);

    private InvoiceEventNames() {
    }
}
