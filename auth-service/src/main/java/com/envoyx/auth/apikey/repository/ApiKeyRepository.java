package com.envoyx.auth.apikey.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.ApiKey;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    /** The exchange's one lookup, served by the unique index on key_hash. */
    public Uni<ApiKey> findByHash(byte[] keyHash) {
        return find("keyHash", keyHash).firstResult();
    }

    /** A key of the account, or null: another account's key is indistinguishable from none. */
    public Uni<ApiKey> findOwned(UUID id, UUID accountId) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResult();
    }

    public Uni<List<ApiKey>> listForAccount(UUID accountId) {
        return list("accountId", Sort.descending("createdAt").and("id"), accountId);
    }

    /** Keys past their end (expiry or rotation grace) whose end was not announced yet. */
    public Uni<List<ApiKey>> findEndedUnannounced(Instant now, int limit) {
        return find("expiresAt <= ?1 and endAnnouncedAt is null and revokedAt is null", Sort.ascending("expiresAt"), now)
                .page(0, limit)
                .list();
    }
}
