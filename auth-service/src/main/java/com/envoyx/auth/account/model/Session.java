package com.envoyx.auth.account.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A dashboard session, found by the SHA-256 of its token; the token itself is never stored. */
@Entity
@Table(name = "sessions")
public class Session {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Last use, written at most once a minute; the session ends after an idle time past it. */
    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
