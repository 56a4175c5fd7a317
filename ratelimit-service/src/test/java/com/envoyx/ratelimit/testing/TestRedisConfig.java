package com.envoyx.ratelimit.testing;

import java.time.Duration;

import com.envoyx.ratelimit.platform.RedisConfig;

/** {@link RedisConfig} for unit tests that build Redis classes by hand. */
public record TestRedisConfig(String keyPrefix, Duration deadline, Duration probeInterval, int failuresBeforeSkip)
        implements RedisConfig {

    /** The defaults of application.properties with the given key prefix. */
    public static TestRedisConfig withPrefix(String keyPrefix) {
        return new TestRedisConfig(keyPrefix, Duration.ofMillis(200), Duration.ofSeconds(1), 3);
    }
}
