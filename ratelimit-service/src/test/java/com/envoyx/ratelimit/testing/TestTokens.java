package com.envoyx.ratelimit.testing;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.envoyx.contracts.token.InternalTokenClaims;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Internal tokens as auth-service mints them (claims of contracts InternalTokenClaims). */
public final class TestTokens {

    public static final String ISSUER = "https://auth.envoyx.internal";
    public static final String AUDIENCE = "envoyx-internal";

    private TestTokens() {
    }

    /** A fresh key id, so every test starts from an empty budget. */
    public static String newKeyId() {
        return UUID.randomUUID().toString();
    }

    public static String forKey(String keyId) {
        return forKey(keyId, Map.of());
    }

    /** A key token whose {@code limits} claim holds {@code limits} (e.g. requests_per_minute). */
    public static String forKey(String keyId, Map<String, Object> limits) {
        return sign(keyClaims(keyId, limits), TestKeys.signingKey());
    }

    public static String forService(String service) {
        return sign(base().subject(service).claim(InternalTokenClaims.SERVICE, service), TestKeys.signingKey());
    }

    public static JwtClaimsBuilder keyClaims(String keyId, Map<String, Object> limits) {
        return base()
                .subject(keyId)
                .claim(InternalTokenClaims.ACCOUNT_ID, UUID.randomUUID().toString())
                .claim(InternalTokenClaims.SCOPES, List.of("invoices:read", "invoices:write"))
                .claim(InternalTokenClaims.ENVIRONMENT, "production")
                .claim(InternalTokenClaims.KEY_NAME, "Test key")
                .claim(InternalTokenClaims.KEY_HINT, "envx_live_...abcd")
                .claim(InternalTokenClaims.LIMITS, limits);
    }

    public static JwtClaimsBuilder base() {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .claim("jti", UUID.randomUUID().toString());
    }

    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId(TestKeys.KID).algorithm(SignatureAlgorithm.ES256).sign(key);
    }
}
