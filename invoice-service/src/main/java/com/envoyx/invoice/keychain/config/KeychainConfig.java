package com.envoyx.invoice.keychain.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.keychain")
public interface KeychainConfig {

    /** Deadline of one Exchange call to auth-service. */
    Duration authDeadline();

    /** Most credentials (valid and rejected keys together) held in memory by one replica. */
    @WithDefault("100000")
    long cacheMaxEntries();

    /** A cached token is exchanged again this long before it expires, so no request carries a dying token. */
    Duration refreshBeforeExpiry();

    /** How long a key auth-service rejected is answered 403 without asking again. */
    Duration negativeTtl();
}
