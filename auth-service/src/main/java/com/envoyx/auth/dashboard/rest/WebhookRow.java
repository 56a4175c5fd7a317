package com.envoyx.auth.dashboard.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.envoyx.contracts.events.InvoiceEventNames;
import com.fasterxml.jackson.databind.JsonNode;

/** One webhook endpoint as the Webhooks pages show it, read from invoice-service's answer. */
public record WebhookRow(String id, String url, String description, String events, String status,
        String disabledReason, String created, String createdIso, boolean active) {

    /** The invoice events an endpoint can subscribe to, as invoice-service names them. */
    static final List<String> EVENT_TYPES = InvoiceEventNames.ALL;

    static WebhookRow of(JsonNode endpoint) {
        List<String> events = new ArrayList<>();
        endpoint.path("events").forEach(event -> events.add(event.asText()));
        Instant created = instant(endpoint.path("created_at"));
        String status = endpoint.path("status").asText();
        return new WebhookRow(endpoint.path("id").asText(), endpoint.path("url").asText(),
                text(endpoint.path("description")), String.join(", ", events), status,
                text(endpoint.path("disabled_reason")), Times.minute(created, ""), Times.iso(created),
                "active".equals(status));
    }

    static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    static Instant instant(JsonNode node) {
        String text = text(node);
        return text == null ? null : Instant.parse(text);
    }
}
