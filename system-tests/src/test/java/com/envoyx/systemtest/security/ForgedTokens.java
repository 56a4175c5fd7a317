package com.envoyx.systemtest.security;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import com.envoyx.contracts.token.InternalTokenClaims;

/**
 * Internal tokens as auth-service mints them (README "Internal token"), signed with a P-256 key
 * this test owns and publishes as the JWKS the services trust, and every way of getting one wrong.
 */
final class ForgedTokens {

    static final String ISSUER = "https://auth.envoyx.internal";
    static final String AUDIENCE = "envoyx-internal";
    /** SmallRye JWT's default clock skew is 60 s; "expired" here is well beyond it. */
    private static final long EXPIRED_SECONDS_AGO = 600;

    private final EllipticCurveJsonWebKey trusted;
    private final EllipticCurveJsonWebKey stranger;

    ForgedTokens() {
        try {
            trusted = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            trusted.setKeyId("security-test-" + UUID.randomUUID());
            trusted.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            trusted.setUse("sig");
            stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            stranger.setKeyId("unknown-" + UUID.randomUUID());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK Set the services are pointed at: the trusted public key only. */
    String jwks() {
        return new JsonWebKeySet(trusted).toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A token every verifier must accept: right key, kid, issuer, audience, lifetime and claims. */
    String valid(String keyId) {
        return es256(claims(keyId, c -> { }), trusted, trusted.getKeyId());
    }

    /** Each forged token by what is wrong with it; every verifier must refuse all of them. */
    Map<String, String> forgeries(String keyId) {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", unsigned(claims(keyId, c -> { })));
        forged.put("HS256 signed with the public key", hs256WithPublicKey(claims(keyId, c -> { }), trusted.getPublicKey()));
        forged.put("empty signature", withoutSignature(valid(keyId)));
        forged.put("wrong issuer", es256(claims(keyId, c -> c.setIssuer("https://evil.example")), trusted, trusted.getKeyId()));
        forged.put("wrong audience", es256(claims(keyId, c -> c.setAudience("someone-else")), trusted, trusted.getKeyId()));
        forged.put("missing exp", es256(claims(keyId, c -> c.unsetClaim("exp")), trusted, trusted.getKeyId()));
        forged.put("expired beyond the skew", es256(claims(keyId, c -> {
            long past = Instant.now().getEpochSecond() - EXPIRED_SECONDS_AGO;
            c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(past - 300));
            c.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(past));
        }), trusted, trusted.getKeyId()));
        forged.put("unknown kid", es256(claims(keyId, c -> { }), stranger, stranger.getKeyId()));
        forged.put("another key under the trusted kid", es256(claims(keyId, c -> { }), stranger, trusted.getKeyId()));
        return forged;
    }

    private static JwtClaims claims(String keyId, Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        Instant now = Instant.now();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond() + 300));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setSubject(keyId);
        claims.setClaim(InternalTokenClaims.ACCOUNT_ID, UUID.randomUUID().toString());
        claims.setStringListClaim(InternalTokenClaims.SCOPES, List.of("invoices:read", "invoices:write"));
        claims.setClaim(InternalTokenClaims.ENVIRONMENT, "production");
        claims.setClaim(InternalTokenClaims.KEY_NAME, "Forged");
        claims.setClaim(InternalTokenClaims.KEY_HINT, "envx_live_\u2026abcd");
        change.accept(claims);
        return claims;
    }

    private static String es256(JwtClaims claims, EllipticCurveJsonWebKey key, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return serialize(jws);
    }

    private String unsigned(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKeyIdHeaderValue(trusted.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return serialize(jws);
    }

    /** The classic key-confusion forgery: the verifier's public key used as an HMAC secret. */
    private String hs256WithPublicKey(JwtClaims claims, PublicKey publicKey) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(pem.getBytes(StandardCharsets.US_ASCII)));
        jws.setKeyIdHeaderValue(trusted.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    private static String withoutSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
