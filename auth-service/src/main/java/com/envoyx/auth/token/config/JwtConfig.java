package com.envoyx.auth.token.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Internal tokens: the contract every verifier shares, and where the signing key comes from. */
@ConfigMapping(prefix = "envoyx.jwt")
public interface JwtConfig {

    /** {@code iss} of every token (env ENVOYX_JWT_ISSUER); verifiers expect exactly this value. */
    @WithDefault("https://auth.envoyx.internal")
    String issuer();

    /** {@code aud} of every token (env ENVOYX_JWT_AUDIENCE). */
    @WithDefault("envoyx-internal")
    String audience();

    /** Lifetime of a token issued for an API key; never beyond the key's own end (env ENVOYX_JWT_TOKEN_LIFETIME). */
    @WithDefault("5m")
    Duration tokenLifetime();

    /** Lifetime of the service tokens auth-service mints for its own calls. */
    @WithDefault("1m")
    Duration serviceTokenLifetime();

    /**
     * PKCS#8 PEM file of the P-256 signing key (env ENVOYX_JWT_SIGNING_KEY_PATH), e.g. a mounted
     * Kubernetes Secret. Absent: a key kept under {@link #localKeyDir()} is used.
     */
    Optional<Path> signingKeyPath();

    /**
     * PEM public key of the previous signing key, still published in JWKS during a key rotation
     * (env ENVOYX_JWT_PREVIOUS_PUBLIC_KEY_PATH). A path naming no file means there is none.
     */
    Optional<Path> previousPublicKeyPath();

    /** Where a local run keeps its generated signing key, so restarts keep tokens valid. */
    @WithDefault("${java.io.tmpdir}/envoyx/auth-keys")
    Path localKeyDir();
}
