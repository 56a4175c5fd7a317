package com.envoyx.ratelimit.token.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Caching of verified internal tokens (signature checks are the costliest step of a call). */
@ConfigMapping(prefix = "envoyx.token")
public interface TokenConfig {

    /** How long a verified token is reused without checking its signature again (never past its expiry). */
    @WithDefault("60s")
    Duration cacheTtl();

    /** Most verified tokens kept at once. */
    @WithDefault("50000")
    long cacheSize();
}
