package com.envoyx.invoice.invoices.rest;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.invoice.invoices.model.InvoiceView;
import com.envoyx.invoice.idempotency.model.StoredResponse;
import com.envoyx.invoice.invoices.model.Invoice;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The 201 answer to a fresh upload, rendered once as the body an Idempotency-Key replay repeats
 * byte for byte; the upload service stores it without knowing its shape.
 */
@ApplicationScoped
public class UploadResponses {

    static final String UPLOADED = "INVOICE_UPLOADED";

    private final ObjectMapper json;

    UploadResponses(ObjectMapper json) {
        this.json = json;
    }

    public StoredResponse created(Invoice invoice) {
        Envelope envelope = Envelope.ok(201, UPLOADED, "Invoice uploaded successfully", InvoiceView.of(invoice));
        try {
            return new StoredResponse(201, json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an invoice view always serialises", e);
        }
    }
}
