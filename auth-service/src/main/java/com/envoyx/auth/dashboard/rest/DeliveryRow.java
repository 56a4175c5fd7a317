package com.envoyx.auth.dashboard.rest;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One delivery attempt in an endpoint's log, read from invoice-service's answer. */
public record DeliveryRow(String deliveryId, String eventId, String event, int attempt, String statusCode,
        boolean succeeded, int latencyMs, String error, String attempted, String attemptedIso, String nextRetry,
        String state) {

    static DeliveryRow of(JsonNode attempt) {
        JsonNode code = attempt.path("status_code");
        boolean answered = code.isInt();
        Instant attemptedAt = WebhookRow.instant(attempt.path("attempted_at"));
        return new DeliveryRow(attempt.path("delivery_id").asText(), attempt.path("event_id").asText(),
                attempt.path("event").asText(), attempt.path("attempt").asInt(),
                answered ? Integer.toString(code.asInt()) : "No answer",
                answered && code.asInt() >= 200 && code.asInt() < 300, attempt.path("latency_ms").asInt(),
                WebhookRow.text(attempt.path("error")), Times.second(attemptedAt, ""), Times.iso(attemptedAt),
                Times.second(WebhookRow.instant(attempt.path("next_retry_at")), "None"),
                attempt.path("delivery_state").asText());
    }
}
