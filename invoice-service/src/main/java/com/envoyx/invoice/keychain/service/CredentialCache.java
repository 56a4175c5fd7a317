package com.envoyx.invoice.keychain.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.client.AuthClient;
import com.envoyx.invoice.keychain.client.TokenVerifier;
import com.envoyx.invoice.keychain.config.KeychainConfig;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.platform.Sha256;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * Resolves a well-formed API key to its principal. Entries are keyed by the SHA-256 of the key
 * (the key itself is never stored) and hold either the verified token until shortly before it
 * expires, or a short-lived rejection. A key event from auth-service drops every entry of that
 * key at once; an exchange that was in flight while the event arrived is served but not cached.
 * Concurrent first uses of one key share one exchange: a client that opens many connections with
 * a key this replica has not seen yet costs auth-service one lookup, not one per connection.
 */
@ApplicationScoped
public class CredentialCache {

    private static final Logger LOG = Logger.getLogger(CredentialCache.class);
    /** Longer than any token lives, so an in-flight exchange always sees a recent invalidation. */
    private static final Duration INVALIDATION_MEMORY = Duration.ofMinutes(15);

    private final AuthClient auth;
    private final TokenVerifier verifier;
    private final KeychainConfig config;
    private final Clock clock;
    private final Cache<String, Entry> entries;
    private final Cache<UUID, Long> invalidatedAt;
    private final AtomicLong invalidations = new AtomicLong();
    /** Exchanges in flight by key hash; an entry leaves when its exchange ends. */
    private final ConcurrentHashMap<String, Uni<KeyPrincipal>> exchanges = new ConcurrentHashMap<>();

    CredentialCache(AuthClient auth, TokenVerifier verifier, KeychainConfig config, Clock clock) {
        this.auth = auth;
        this.verifier = verifier;
        this.config = config;
        this.clock = clock;
        this.entries = Caffeine.newBuilder().maximumSize(config.cacheMaxEntries()).build();
        this.invalidatedAt = Caffeine.newBuilder().expireAfterWrite(INVALIDATION_MEMORY).build();
    }

    /** The principal of the key; fails with 403 INVALID_API_KEY or {@link AuthUnavailableException}. */
    public Uni<KeyPrincipal> resolve(ParsedApiKey key) {
        String hash = Sha256.of(key.value());
        Instant now = clock.instant();
        Entry cached = entries.getIfPresent(hash);
        if (cached != null && now.isBefore(cached.validUntil())) {
            return cached.principal() != null
                    ? Uni.createFrom().item(cached.principal())
                    : Uni.createFrom().failure(invalidKey());
        }
        return Uni.createFrom().deferred(() -> exchanges.computeIfAbsent(hash, ignored -> exchange(hash, key)));
    }

    private Uni<KeyPrincipal> exchange(String hash, ParsedApiKey key) {
        long generation = invalidations.get();
        return auth.exchange(key.value())
                .onFailure().transform(e -> new AuthUnavailableException("auth-service exchange failed", e))
                .flatMap(response -> admit(hash, response, generation))
                .onTermination().invoke(() -> exchanges.remove(hash))
                // Shared by every request that joined while it ran; it goes on if one of them leaves.
                .memoize().indefinitely();
    }

    /** The principal of a key cached as valid right now, without asking anyone. */
    Optional<KeyPrincipal> knownValid(ParsedApiKey key) {
        Entry cached = entries.getIfPresent(Sha256.of(key.value()));
        if (cached == null || cached.principal() == null || !clock.instant().isBefore(cached.validUntil())) {
            return Optional.empty();
        }
        return Optional.of(cached.principal());
    }

    /** Drops every cached credential of the key. */
    public void invalidate(UUID keyId) {
        invalidatedAt.put(keyId, invalidations.incrementAndGet());
        entries.asMap().values().removeIf(entry -> entry.principal() != null && keyId.equals(entry.principal().keyId()));
    }

    /** Drops everything: used when key events may have been missed. */
    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.invalidateAll();
    }

    private Uni<KeyPrincipal> admit(String hash, ExchangeResponse response, long generation) {
        if (response.getResultCase() != ExchangeResponse.ResultCase.TOKEN) {
            LOG.debugf("auth-service rejected a key: %s", response.getRejection());
            entries.put(hash, new Entry(null, clock.instant().plus(config.negativeTtl())));
            return Uni.createFrom().failure(invalidKey());
        }
        String token = response.getToken().getJwt();
        return verifier.verify(token)
                .onFailure().transform(e -> new AuthUnavailableException("auth-service token failed verification", e))
                .invoke(principal -> {
                    Instant validUntil = principal.tokenExpiresAt().minus(config.refreshBeforeExpiry());
                    if (clock.instant().isBefore(validUntil) && !invalidatedSince(principal.keyId(), generation)) {
                        entries.put(hash, new Entry(principal, validUntil));
                    }
                });
    }

    private boolean invalidatedSince(UUID keyId, long generation) {
        Long at = invalidatedAt.getIfPresent(keyId);
        return at != null && at > generation;
    }

    private static ApiException invalidKey() {
        return new ApiException(ErrorCode.INVALID_API_KEY);
    }

    /** A verified principal, or {@code null} for a key auth-service rejected. */
    private record Entry(KeyPrincipal principal, Instant validUntil) {
    }
}
