package com.envoyx.auth.audit.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.audit.model.AuditEvent;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, UUID> {

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
