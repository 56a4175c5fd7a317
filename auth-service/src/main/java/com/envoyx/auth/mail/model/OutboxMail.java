package com.envoyx.auth.mail.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A mail waiting to be sent. Its template data is sealed (AES-GCM), because it may carry a link
 * with a token that must not be readable from the database.
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail {

    @Id
    public UUID id;

    @Column(name = "recipient", nullable = false)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    public MailKind kind;

    @Column(name = "sealed_data", nullable = false)
    public byte[] sealedData;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;
}
