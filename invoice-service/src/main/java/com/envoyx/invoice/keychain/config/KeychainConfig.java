package com.envoyx.invoice.keychain.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envoyx.keychain")
public interface KeychainConfig {

    /** Deadline of one Exchange call to auth-service. */
    @WithDefault("1s")
    Duration authDeadline();

    /** Most credentials (valid and rejected keys together) held in memory by one replica. */
    @WithDefault("100000")
    long cacheMaxEntries();

    /** A cached token is exchanged again this long before it expires, so no request carries a dying token. */
    @WithDefault("30s")
    Duration refreshBeforeExpiry();

    /** How long a key auth-service rejected is answered 403 without asking again. */
    @WithDefault("10s")
    Duration negativeTtl();
}
