package com.envoyx.invoice.events.model;

/** What happened to an invoice, with the name customers see in a WebSocket event's {@code event} field. */
public enum InvoiceEventType {
    UPLOADED("invoice.uploaded"),
    PROCESSING("invoice.processing"),
    /** The document was read (inside PROCESSING; not a status of its own). */
    EXTRACTED("invoice.extracted"),
    /** The checks ran over what was read (inside PROCESSING; not a status of its own). */
    VALIDATED("invoice.validated"),
    PROCESSED("invoice.processed"),
    FLAGGED("invoice.flagged"),
    FAILED("invoice.failed"),
    APPROVED("invoice.approved"),
    REJECTED("invoice.rejected"),
    PAID("invoice.paid"),
    DELETED("invoice.deleted");

    private final String wireName;

    InvoiceEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
