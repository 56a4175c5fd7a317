package com.envoyx.invoice.invoices.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.envoyx.invoice.invoices.model.InvoiceView;

/**
 * The bodies of the invoice API as its OpenAPI document declares them, so a generated client gets
 * typed answers instead of a bare envelope. Documentation types only: the resource answers with
 * the contracts' {@code Envelope}, whose JSON these mirror field for field.
 */
final class InvoiceApiSchemas {

    private InvoiceApiSchemas() {
    }

    @Schema(name = "UploadForm", description = "multipart/form-data with exactly one file part named file.")
    record UploadForm(
            @Schema(type = SchemaType.STRING, format = "binary", required = true,
                    description = "The invoice, a PDF (checked by its bytes) of at most 10 MiB.") String file) {
    }

    @Schema(name = "StatusChange", description = "A review decision.")
    record StatusChangeBody(
            @Schema(required = true, enumeration = {"APPROVED", "REJECTED", "PAID"}) String status) {
    }

    @Schema(name = "InvoiceEnvelope", description = "success true; code INVOICE_UPLOADED (201), INVOICE_FETCHED or "
            + "INVOICE_STATUS_UPDATED (200); data the invoice.")
    record InvoiceEnvelope(
            @Schema(required = true) boolean success,
            @Schema(required = true, example = "200") int status,
            @Schema(required = true, enumeration = {"INVOICE_UPLOADED", "INVOICE_FETCHED", "INVOICE_STATUS_UPDATED"}) String code,
            @Schema(required = true, example = "Invoice retrieved successfully") String message,
            @Schema(required = true) InvoiceView data) {
    }

    @Schema(name = "InvoiceListEnvelope", description = "success true; code INVOICES_FETCHED, message \"Invoices "
            + "retrieved successfully\"; data one page of invoices, newest first.")
    record InvoiceListEnvelope(
            @Schema(required = true) boolean success,
            @Schema(required = true, example = "200") int status,
            @Schema(required = true, enumeration = "INVOICES_FETCHED") String code,
            @Schema(required = true, example = "Invoices retrieved successfully") String message,
            @Schema(required = true) InvoiceListView data) {
    }

    @Schema(name = "InvoiceDeletedEnvelope", description = "success true; code INVOICE_DELETED; data the deleted id.")
    record InvoiceDeletedEnvelope(
            @Schema(required = true) boolean success,
            @Schema(required = true, example = "200") int status,
            @Schema(required = true, enumeration = "INVOICE_DELETED") String code,
            @Schema(required = true, example = "Invoice deleted successfully") String message,
            @Schema(required = true) DeletedInvoice data) {
    }

    record DeletedInvoice(@Schema(required = true) UUID id) {
    }
}
