package com.envoyx.auth.dashboard.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One invoice as the Invoices pages show it, read from invoice-service's invoice view. Members
 * the view may or may not carry yet ({@code processed_at}) are read when present and shown as
 * absent otherwise, so the page reads the view before and after it grows.
 */
public record InvoiceRow(String id, String fileName, String size, String status, String statusClass,
        String uploaded, String uploadedIso, String processed, String processedIso, String errorMessage,
        boolean approvable, boolean rejectable, boolean payable) {

    /** Every status an invoice can have, in the order of its life, for the filter. */
    static final List<String> STATUSES = List.of("PENDING", "PROCESSING", "PROCESSED", "FLAGGED", "FAILED", "APPROVED",
            "REJECTED", "PAID");

    static InvoiceRow of(JsonNode invoice) {
        String status = invoice.path("status").asText();
        Instant uploaded = WebhookRow.instant(invoice.path("uploaded_at"));
        Instant processed = WebhookRow.instant(invoice.path("processed_at"));
        boolean reviewable = "PROCESSED".equals(status) || "FLAGGED".equals(status);
        return new InvoiceRow(invoice.path("id").asText(), invoice.path("file_name").asText(),
                size(invoice.path("file_size").asLong()), status, status.toLowerCase(Locale.ROOT),
                Times.minute(uploaded, ""), Times.iso(uploaded),
                Times.minute(processed, invoice.has("processed_at") ? "Not yet" : "Not recorded"), Times.iso(processed),
                WebhookRow.text(invoice.path("error_message")),
                reviewable, reviewable || "APPROVED".equals(status), "PROCESSED".equals(status) || "APPROVED".equals(status));
    }

    /** The buttons a status offers; invoice-service has the last word (a 409 with its reason). */
    public boolean decidable() {
        return approvable || rejectable || payable;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
