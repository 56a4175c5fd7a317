package com.envoyx.auth.apikey.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.envoyx.contracts.events.ApiKeyEvents;

/**
 * A key event not yet accepted by Redis. It is written with the change that causes it, so an
 * announcement exists exactly when the change does and outlives a Redis outage or a restart.
 */
@Entity
@Table(name = "key_event_outbox")
public class PendingKeyEvent {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false)
    public ApiKeyEvents.Type type;

    @Column(name = "api_key_id", nullable = false)
    public UUID keyId;

    @Column(name = "budget_id", nullable = false)
    public UUID budgetId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;
}
