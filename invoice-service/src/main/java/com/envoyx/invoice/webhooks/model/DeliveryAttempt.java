package com.envoyx.invoice.webhooks.model;

import java.time.Instant;
import java.util.UUID;

/** One attempt as the delivery log lists it; {@code nextRetryAt} is null when none follows. */
public record DeliveryAttempt(UUID deliveryId, String eventId, String eventType, int attempt, Integer statusCode,
                              int latencyMs, String error, Instant attemptedAt, Instant nextRetryAt,
                              String deliveryState) {
}
