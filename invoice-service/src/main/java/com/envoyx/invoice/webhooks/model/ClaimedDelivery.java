package com.envoyx.invoice.webhooks.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a dispatcher holds until {@code leaseOwner}'s lease ends; {@code attempt} and
 * {@code leaseOwner} fence the write of its result.
 */
public record ClaimedDelivery(UUID id, String eventId, String eventType, UUID endpointId, UUID accountId,
                              int attempt, String leaseOwner, String url, String body, String secret,
                              String previousSecret, Instant previousSecretExpiresAt, Instant eventCreatedAt) {
}
