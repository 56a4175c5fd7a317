package com.envoyx.invoice.webhooks.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer's URL that receives the account's events. */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String url;

    public String description;

    /** Space-separated event types. */
    @Column(nullable = false)
    public String events;

    @Column(nullable = false)
    public String status;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /**
     * The first failed attempt since the last success. The dispatchers' statements write it too; API
     * changes read the endpoint under a row lock, so neither overwrites the other with an old value.
     */
    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> eventList() {
        return Arrays.asList(events.split(" "));
    }

    public void setEvents(List<String> types) {
        events = String.join(" ", types);
    }
}
