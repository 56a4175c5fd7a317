package com.envoyx.invoice.events.model;

import com.envoyx.contracts.events.InvoiceEventNames;

/** What happened to an invoice, with the name customers see in a WebSocket event's {@code event} field. */
public enum InvoiceEventType {
    UPLOADED(InvoiceEventNames.UPLOADED),
    PROCESSING(InvoiceEventNames.PROCESSING),
    /** The document was read (inside PROCESSING; not a status of its own). */
    EXTRACTED(InvoiceEventNames.EXTRACTED),
    /** The checks ran over what was read (inside PROCESSING; not a status of its own). */
    VALIDATED(InvoiceEventNames.VALIDATED),
    PROCESSED(InvoiceEventNames.PROCESSED),
    FLAGGED(InvoiceEventNames.FLAGGED),
    FAILED(InvoiceEventNames.FAILED),
    APPROVED(InvoiceEventNames.APPROVED),
    REJECTED(InvoiceEventNames.REJECTED),
    PAID(InvoiceEventNames.PAID),
    DELETED(InvoiceEventNames.DELETED);

    private final String wireName;

    InvoiceEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
