package com.envoyx.invoice.webhooks.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.envoyx.invoice.webhooks.model.WebhookEndpoint;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An endpoint as the API shows it. {@code secret} only in the answers that create it (create,
 * rotate-secret): it is shown once. {@code previous_secret_expires_at}: until when the secret a
 * rotation replaced still signs.
 */
@JsonPropertyOrder({"id", "url", "description", "events", "status", "disabled_reason", "secret",
        "previous_secret_expires_at", "created_at", "updated_at"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(UUID id, String url, String description, List<String> events, String status,
                          String disabledReason, String secret, Instant previousSecretExpiresAt, Instant createdAt,
                          Instant updatedAt) {

    static WebhookView of(WebhookEndpoint endpoint) {
        return new WebhookView(endpoint.id, endpoint.url, endpoint.description, endpoint.eventList(), endpoint.status,
                endpoint.disabledReason, null, endpoint.previousSecretExpiresAt, endpoint.createdAt, endpoint.updatedAt);
    }

    static WebhookView withSecret(WebhookEndpoint endpoint) {
        return new WebhookView(endpoint.id, endpoint.url, endpoint.description, endpoint.eventList(), endpoint.status,
                endpoint.disabledReason, endpoint.secret, endpoint.previousSecretExpiresAt, endpoint.createdAt,
                endpoint.updatedAt);
    }
}
