package com.envoyx.invoice.idempotency.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.envoyx.invoice.idempotency.model.IdempotencyRecord;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, UUID> {

    public Uni<IdempotencyRecord> findForUpdate(UUID accountId, String key) {
        return find("accountId = ?1 and key = ?2", accountId, key)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
