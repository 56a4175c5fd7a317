package com.envoyx.auth.webhook.model;

/** invoice-service's answer to one webhooks call: its status and JSON envelope, as it came. */
public record InvoiceAnswer(int status, String body) {
}
