package com.envoyx.invoice.webhooks.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.invoices.model.Invoice;
import com.envoyx.invoice.invoices.model.InvoiceView;
import com.envoyx.invoice.webhooks.repository.WebhookEventStore;

import io.smallrye.mutiny.Uni;

/**
 * Where an invoice change records its webhook event: call it inside the change's transaction
 * (before it commits), so the event is committed with the change or not at all. The processing
 * queue, which changes invoices with plain SQL, appends through {@link WebhookEventStore} itself.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookEventStore store;

    WebhookOutbox(WebhookEventStore store) {
        this.store = store;
    }

    public Uni<Void> record(InvoiceEventType type, Invoice invoice, Instant at) {
        return store.append(type.wireName(), invoice.accountId, InvoiceView.of(invoice), at);
    }
}
