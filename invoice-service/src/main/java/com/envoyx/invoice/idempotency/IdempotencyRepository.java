package com.envoyx.invoice.idempotency;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, UUID> {

    Uni<IdempotencyRecord> findForUpdate(UUID accountId, String key) {
        return find("accountId = ?1 and key = ?2", accountId, key)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
