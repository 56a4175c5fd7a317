package com.envoyx.invoice.events.model;

import java.time.Instant;
import java.util.UUID;

import com.envoyx.invoice.invoices.model.InvoiceStatus;

/**
 * A change of one invoice, fired as a CDI event ({@code Event<InvoiceEvent>#fire}) by whoever
 * made the change, only after it is committed, so no observer ever announces something that a
 * rollback undid. Observers run on the firing thread (often an event loop) and must not block.
 *
 * @param errorMessage why processing failed, for {@link InvoiceEventType#FAILED}; otherwise null
 */
public record InvoiceEvent(InvoiceEventType type, UUID accountId, UUID invoiceId, InvoiceStatus status,
                           Instant occurredAt, String errorMessage) {

    public static InvoiceEvent of(InvoiceEventType type, UUID accountId, UUID invoiceId, InvoiceStatus status,
                                  Instant occurredAt) {
        return new InvoiceEvent(type, accountId, invoiceId, status, occurredAt, null);
    }
}
