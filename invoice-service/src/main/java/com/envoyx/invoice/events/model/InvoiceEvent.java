package com.envoyx.invoice.events.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.invoices.model.ExtractedContent;
import com.envoyx.invoice.invoices.model.InvoiceStatus;

/**
 * A change of one invoice, fired as a CDI event ({@code Event<InvoiceEvent>#fire}) by whoever
 * made the change, only after it is committed, so no observer ever announces something that a
 * rollback undid. Observers run on the firing thread (often an event loop) and must not block.
 *
 * @param errorMessage why processing failed ({@link InvoiceEventType#FAILED}) or what a FLAGGED
 *                     document failed ({@link InvoiceEventType#FLAGGED}); otherwise null
 * @param extracted    what was read, for {@link InvoiceEventType#EXTRACTED}; otherwise null
 * @param validation   the checks, for {@link InvoiceEventType#VALIDATED}; otherwise null
 * @param flags        the failed checks and document rules, for {@link InvoiceEventType#FLAGGED}; otherwise null
 */
public record InvoiceEvent(InvoiceEventType type, UUID accountId, UUID invoiceId, InvoiceStatus status,
                           Instant occurredAt, String errorMessage, ExtractedContent extracted,
                           List<CheckResult> validation, List<String> flags) {

    public InvoiceEvent(InvoiceEventType type, UUID accountId, UUID invoiceId, InvoiceStatus status, Instant occurredAt,
                        String errorMessage) {
        this(type, accountId, invoiceId, status, occurredAt, errorMessage, null, null, null);
    }

    public static InvoiceEvent of(InvoiceEventType type, UUID accountId, UUID invoiceId, InvoiceStatus status,
                                  Instant occurredAt) {
        return new InvoiceEvent(type, accountId, invoiceId, status, occurredAt, null);
    }
}
