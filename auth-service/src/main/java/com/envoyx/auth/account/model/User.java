package com.envoyx.auth.account.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who logs in to the dashboard; belongs to exactly one account. */
@Entity
@Table(name = "users")
public class User {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "email", nullable = false)
    public String email;

    /** Argon2id in PHC string form: algorithm, parameters, salt and hash. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the address was proven to be the user's; null until then. */
    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;
}
