package com.envoyx.auth.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Redis key and channel of this service starts with the deployment's prefix. */
@ConfigMapping(prefix = "envoyx.redis")
public interface RedisKeys {

    /** Prefix of every Redis key and pub/sub channel (env ENVOYX_REDIS_KEY_PREFIX). */
    @WithDefault("envoyx:")
    String keyPrefix();

    default String key(String suffix) {
        return keyPrefix() + suffix;
    }
}
