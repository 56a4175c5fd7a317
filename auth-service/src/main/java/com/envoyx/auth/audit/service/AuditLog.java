package com.envoyx.auth.audit.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.audit.model.Actor;
import com.envoyx.auth.audit.model.AuditAction;
import com.envoyx.auth.audit.model.AuditEvent;
import com.envoyx.auth.audit.repository.AuditEventRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail. {@link #record} joins the caller's transaction, so an action and its audit
 * line are written together or not at all.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Uni<Void> record(UUID accountId, Actor actor, AuditAction action, ApiKey key, String details) {
        AuditEvent event = event(accountId, actor, action, details);
        event.apiKeyId = key.id;
        event.keyName = key.name;
        event.keyHint = key.hint();
        return events.persist(event).replaceWithVoid();
    }

    /** An event of a user's credentials or sessions rather than of a key. */
    public Uni<Void> recordUserEvent(UUID accountId, Actor actor, AuditAction action, String details) {
        return events.persist(event(accountId, actor, action, details)).replaceWithVoid();
    }

    private AuditEvent event(UUID accountId, Actor actor, AuditAction action, String details) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.accountId = accountId;
        event.actorId = actor.userId();
        event.actor = actor.label();
        event.action = action.wireName();
        event.details = details;
        event.occurredAt = clock.instant();
        return event;
    }

    /** The account's latest events (of one key, unless null), newest first. */
    public Uni<List<AuditEvent>> latest(UUID accountId, UUID apiKeyIdOrNull, int limit) {
        return Panache.withSession(() -> events.latest(accountId, apiKeyIdOrNull, limit));
    }
}
