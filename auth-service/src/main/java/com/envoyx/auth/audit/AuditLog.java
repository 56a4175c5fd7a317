package com.envoyx.auth.audit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.ApiKey;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail. {@link #record} joins the caller's transaction, so an action and its audit
 * line are written together or not at all.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditEvent, UUID> {

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> record(UUID accountId, Actor actor, AuditAction action, ApiKey key, String details) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.accountId = accountId;
        event.actorId = actor.userId();
        event.actor = actor.label();
        event.action = action.wireName();
        event.apiKeyId = key.id;
        event.keyName = key.name;
        event.keyHint = key.hint();
        event.details = details;
        event.occurredAt = clock.instant();
        return persist(event).replaceWithVoid();
    }

    /** Newest first. */
    public Uni<List<AuditEvent>> latest(UUID accountId, UUID apiKeyIdOrNull, int limit) {
        Sort newestFirst = Sort.descending("occurredAt").and("id");
        return (apiKeyIdOrNull == null
                ? find("accountId", newestFirst, accountId)
                : find("accountId = ?1 and apiKeyId = ?2", newestFirst, accountId, apiKeyIdOrNull))
                .page(0, limit)
                .list();
    }
}
