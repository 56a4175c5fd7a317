package com.envoyx.invoice.events.model;

/** What happened to an invoice, with the name customers see in a WebSocket event's {@code event} field. */
public enum InvoiceEventType {
    UPLOADED("invoice.uploaded"),
    PROCESSING("invoice.processing"),
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
