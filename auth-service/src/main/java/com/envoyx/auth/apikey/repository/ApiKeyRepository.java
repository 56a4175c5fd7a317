package com.envoyx.auth.apikey.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.ApiKey;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    /** Never moves a key's last use backwards, so batches may arrive in any order. */
    private static final String UPDATE_LAST_USED = """
            UPDATE api_keys AS k SET last_used_at = GREATEST(k.last_used_at, u.used_at)
            FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, used_at)
            WHERE k.id = u.id""";

    private final Pool pool;

    ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

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

    /**
     * Within a transaction: holds the account's row until the commit, so concurrent creations for
     * one account count its active keys one after the other.
     */
    public Uni<Void> lockAccountKeys(UUID accountId) {
        return getSession().chain(session -> session.createNativeQuery("SELECT id FROM accounts WHERE id = :id FOR UPDATE")
                .setParameter("id", accountId)
                .getResultList())
                .replaceWithVoid();
    }

    /** Keys of the account that are neither revoked nor past their end. */
    public Uni<Long> countActive(UUID accountId, Instant now) {
        return count("accountId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)", accountId, now);
    }

    /** Keys past their end (expiry or rotation grace) whose end was not announced yet. */
    public Uni<List<ApiKey>> findEndedUnannounced(Instant now, int limit) {
        return find("expiresAt <= ?1 and endAnnouncedAt is null and revokedAt is null", Sort.ascending("expiresAt"), now)
                .page(0, limit)
                .list();
    }

    /**
     * Writes the last uses of many keys in one statement on the plain pool, outside any Hibernate
     * session: the flush runs from the scheduler and on shutdown, where no session is open.
     */
    public Uni<Void> writeLastUsed(Map<UUID, Instant> lastUses) {
        UUID[] ids = lastUses.keySet().toArray(UUID[]::new);
        OffsetDateTime[] times = new OffsetDateTime[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = lastUses.get(ids[i]).atOffset(ZoneOffset.UTC);
        }
        return pool.preparedQuery(UPDATE_LAST_USED).execute(Tuple.of(ids, times)).replaceWithVoid();
    }
}
