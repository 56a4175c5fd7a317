package com.envoyx.auth.audit.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of an account's audit trail. It keeps the key's name and hint, so it outlives the key. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** The user who acted; null for the operator and the service itself. */
    @Column(name = "actor_id")
    public UUID actorId;

    /** The user's email, {@code operator} or {@code system}. */
    @Column(name = "actor", nullable = false)
    public String actor;

    @Column(name = "action", nullable = false)
    public String action;

    @Column(name = "api_key_id")
    public UUID apiKeyId;

    @Column(name = "key_name")
    public String keyName;

    @Column(name = "key_hint")
    public String keyHint;

    @Column(name = "details")
    public String details;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
