package com.envoyx.invoice.webhooks.rest;

import java.time.Instant;
import java.util.UUID;

import com.envoyx.invoice.webhooks.model.DeliveryAttempt;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One attempt in the delivery log; {@code status_code} null when no answer came, {@code next_retry_at} null when none follows. */
@JsonPropertyOrder({"delivery_id", "event_id", "event", "attempt", "status_code", "latency_ms", "error", "attempted_at",
        "next_retry_at", "delivery_state"})
record DeliveryAttemptView(UUID deliveryId, String eventId, String event, int attempt, Integer statusCode, int latencyMs,
                           String error, Instant attemptedAt, Instant nextRetryAt, String deliveryState) {

    static DeliveryAttemptView of(DeliveryAttempt attempt) {
        return new DeliveryAttemptView(attempt.deliveryId(), attempt.eventId(), attempt.eventType(), attempt.attempt(),
                attempt.statusCode(), attempt.latencyMs(), attempt.error(), attempt.attemptedAt(), attempt.nextRetryAt(),
                attempt.deliveryState());
    }
}
