package com.envoyx.auth.webhook.model;

/**
 * invoice-service's answer as bytes: a document (PDF) with its type and disposition when the
 * status is 200, else its JSON envelope.
 */
public record InvoiceDocument(int status, byte[] body, String contentType, String contentDisposition) {
}
