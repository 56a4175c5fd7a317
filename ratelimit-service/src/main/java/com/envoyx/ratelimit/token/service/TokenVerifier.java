package com.envoyx.ratelimit.token.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.contracts.token.InternalTokenClaims;
import com.envoyx.contracts.token.KeyLimitsClaim;
import com.envoyx.ratelimit.error.Outages;
import com.envoyx.ratelimit.error.RateLimitException;
import com.envoyx.ratelimit.platform.OnWorker;
import com.envoyx.ratelimit.token.config.TokenConfig;
import com.envoyx.ratelimit.token.model.Caller;
import com.envoyx.ratelimit.token.model.KeyIds;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies internal tokens against auth-service's JWKS (issuer, audience and ES256 are fixed by
 * {@code mp.jwt.verify.*}, never taken from the token) and turns their claims into a
 * {@link Caller}. Verified tokens are cached briefly so the hot path skips the signature check;
 * a cache miss verifies on a worker thread because fetching the JWKS may block.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final String INVALID = "The internal token is missing, invalid or expired.";

    private final JWTParser parser;
    private final OnWorker onWorker;
    private final Clock clock;
    private final Cache<String, Caller> verified;

    TokenVerifier(JWTParser parser, OnWorker onWorker, TokenConfig config, Clock clock) {
        this.parser = parser;
        this.onWorker = onWorker;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheTtl())
                .build();
    }

    public Uni<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().failure(unauthenticated());
        }
        Caller cached = verified.getIfPresent(token);
        if (cached != null && cached.expiresAt().isAfter(clock.instant())) {
            return Uni.createFrom().item(cached);
        }
        return onWorker.call(() -> parse(token));
    }

    private Caller parse(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            if (Outages.isOutage(e)) {
                LOG.warnf("cannot verify internal tokens, JWKS unreachable: %s", e.getMessage());
                throw RateLimitException.unavailable("Internal tokens cannot be verified right now; retry shortly.", 1);
            }
            LOG.debugf("internal token refused: %s", e.getMessage());
            throw unauthenticated();
        }
        Caller caller = toCaller(jwt);
        verified.put(token, caller);
        return caller;
    }

    private static Caller toCaller(JsonWebToken jwt) {
        String service = jwt.getClaim(InternalTokenClaims.SERVICE);
        String subject = jwt.getSubject();
        Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (service != null) {
            return new Caller(null, null, null, service, KeyLimitsClaim.NONE, expiresAt);
        }
        if (!KeyIds.isKeyId(subject)) {
            throw unauthenticated();
        }
        String budget = jwt.getClaim(InternalTokenClaims.BUDGET_ID);
        if (budget != null && !KeyIds.isKeyId(budget)) {
            throw unauthenticated();
        }
        String keyId = subject.toLowerCase(Locale.ROOT);
        // Tokens of an auth-service that predates budgets: the key is its own budget.
        String budgetId = budget == null ? keyId : budget.toLowerCase(Locale.ROOT);
        return new Caller(keyId, budgetId, jwt.getClaim(InternalTokenClaims.ACCOUNT_ID), null,
                KeyLimitsClaim.read(jwt.getClaim(InternalTokenClaims.LIMITS), LOG::warn), expiresAt);
    }

    private static RateLimitException unauthenticated() {
        return new RateLimitException(ErrorCode.UNAUTHORIZED, INVALID);
    }
}
