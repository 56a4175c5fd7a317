package com.envoyx.auth.account.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.model.TokenPurpose;
import com.envoyx.auth.account.model.UserToken;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserTokenRepository implements PanacheRepositoryBase<UserToken, byte[]> {

    /** A token of this purpose that has not expired (used or not), or null. */
    public Uni<UserToken> findLive(byte[] tokenHash, TokenPurpose purpose, Instant now) {
        return find("tokenHash = ?1 and purpose = ?2 and expiresAt > ?3", tokenHash, purpose, now).firstResult();
    }

    /** Ends every unused token of this purpose of the user, e.g. older reset links once one was used. */
    public Uni<Integer> useAll(UUID userId, TokenPurpose purpose, Instant now) {
        return update("usedAt = ?1 where userId = ?2 and purpose = ?3 and usedAt is null", now, userId, purpose);
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
