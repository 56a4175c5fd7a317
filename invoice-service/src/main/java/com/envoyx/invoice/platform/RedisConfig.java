package com.envoyx.invoice.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What this service's Redis keys and channels share (the connection itself is quarkus.redis.*). */
@ConfigMapping(prefix = "envoyx.redis")
public interface RedisConfig {

    /**
     * Prefix of every key and channel: the key-event and invoice-event channels and the invalid-key
     * counters. Services of one deployment share it; tests give each run its own.
     */
    @WithDefault("envoyx:")
    String keyPrefix();
}
