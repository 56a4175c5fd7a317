package com.envoyx.auth.account.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.model.Session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, byte[]> {

    /** A session within its lifetime that was used after {@code idleSince}, or null. */
    public Uni<Session> findLive(byte[] tokenHash, Instant now, Instant idleSince) {
        return find("tokenHash = ?1 and expiresAt > ?2 and lastSeenAt > ?3", tokenHash, now, idleSince).firstResult();
    }

    public Uni<Long> deleteAllOf(UUID userId) {
        return delete("userId", userId);
    }

    public Uni<Long> deleteOthersOf(UUID userId, byte[] keptTokenHash) {
        return delete("userId = ?1 and tokenHash <> ?2", userId, keptTokenHash);
    }

    public Uni<Long> deleteByTokenHash(byte[] tokenHash) {
        return delete("tokenHash", tokenHash);
    }

    /** Sessions past their lifetime or idle since {@code idleSince}. */
    public Uni<Long> deleteExpired(Instant now, Instant idleSince) {
        return delete("expiresAt <= ?1 or lastSeenAt <= ?2", now, idleSince);
    }
}
