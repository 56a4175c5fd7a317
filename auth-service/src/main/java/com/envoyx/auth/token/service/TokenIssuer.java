package com.envoyx.auth.token.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.token.config.JwtConfig;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.token.InternalTokenClaims;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints the internal ES256 tokens: one per exchanged API key, auth-service's own service tokens,
 * and the dashboard tokens of signed-in accounts.
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String SERVICE_NAME = "auth-service";

    private final JwtConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    TokenIssuer(JwtConfig config, SigningKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /** What a token for an API key says about it. */
    public record KeyClaims(UUID keyId, UUID budgetId, UUID accountId, List<String> scopes, String environment,
            String keyName, String keyHint, Map<String, Integer> limits) {
    }

    /** A signed token and its expiry in epoch seconds. */
    public record IssuedToken(String jwt, long expiresAt) {
    }

    /**
     * Signs a token for a key. Its lifetime is the configured one, cut short at {@code notAfter}
     * (the key's expiry or the end of its rotation grace), so no token outlives its key.
     */
    public IssuedToken forKey(KeyClaims claims, Instant notAfter) {
        Instant now = clock.instant();
        long expiresAt = now.plus(config.tokenLifetime()).getEpochSecond();
        if (notAfter != null) {
            expiresAt = Math.min(expiresAt, notAfter.getEpochSecond());
        }
        JwtClaimsBuilder builder = base(now, expiresAt)
                .subject(claims.keyId().toString())
                .claim(InternalTokenClaims.BUDGET_ID, claims.budgetId().toString())
                .claim(InternalTokenClaims.ACCOUNT_ID, claims.accountId().toString())
                .claim(InternalTokenClaims.SCOPES, claims.scopes())
                .claim(InternalTokenClaims.ENVIRONMENT, claims.environment())
                .claim(InternalTokenClaims.KEY_NAME, claims.keyName())
                .claim(InternalTokenClaims.KEY_HINT, claims.keyHint())
                .claim(InternalTokenClaims.LIMITS, claims.limits());
        return new IssuedToken(sign(builder), expiresAt);
    }

    /** A short-lived token naming auth-service itself, for its calls to other services. */
    public String serviceToken() {
        Instant now = clock.instant();
        return sign(base(now, now.plus(config.serviceTokenLifetime()).getEpochSecond())
                .subject(SERVICE_NAME)
                .claim(InternalTokenClaims.SERVICE, SERVICE_NAME));
    }

    /**
     * A short-lived token for a signed-in account's dashboard, calling invoice-service on the
     * account's behalf: the dashboard marker and the one scope of the call, no key claims, so
     * invoice-service admits it only on the routes it opens to the dashboard, and only where that
     * scope is what the route asks for.
     */
    public String forDashboard(UUID accountId, Scope scope) {
        Instant now = clock.instant();
        return sign(base(now, now.plus(config.serviceTokenLifetime()).getEpochSecond())
                .subject(InternalTokenClaims.DASHBOARD_SUBJECT_PREFIX + accountId)
                .claim(InternalTokenClaims.DASHBOARD, true)
                .claim(InternalTokenClaims.ACCOUNT_ID, accountId.toString())
                .claim(InternalTokenClaims.SCOPES, List.of(scope.wireName())));
    }

    private JwtClaimsBuilder base(Instant now, long expiresAt) {
        return Jwt.claims()
                .issuer(config.issuer())
                .audience(config.audience())
                .issuedAt(now.getEpochSecond())
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
    }

    private String sign(JwtClaimsBuilder builder) {
        return builder.jws()
                .algorithm(SignatureAlgorithm.ES256)
                .keyId(keys.keyId())
                .sign(keys.signingKey());
    }
}
