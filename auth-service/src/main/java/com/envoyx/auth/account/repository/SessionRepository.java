package com.envoyx.auth.account.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.model.Session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, byte[]> {

    public Uni<Session> findLive(byte[] tokenHash, Instant now) {
        return find("tokenHash = ?1 and expiresAt > ?2", tokenHash, now).firstResult();
    }

    public Uni<Long> deleteByTokenHash(byte[] tokenHash) {
        return delete("tokenHash", tokenHash);
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
