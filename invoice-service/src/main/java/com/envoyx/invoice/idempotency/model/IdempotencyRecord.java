package com.envoyx.invoice.idempotency.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One Idempotency-Key of one account: the request it stood for and, once done, the answer. */
@Entity
@Table(name = "idempotency_records")
public class IdempotencyRecord {

    public enum State { IN_FLIGHT, COMPLETED }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "idempotency_key", nullable = false)
    public String key;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_body")
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
