package com.envoyx.ratelimit.platform;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this service uses Redis. */
@ConfigMapping(prefix = "envoyx.redis")
public interface RedisConfig {

    /** Prefix of every key this service writes; one deployment (or test run) per prefix. */
    @WithDefault("envoyx:")
    String keyPrefix();

    /** Longest a caller waits for one Redis round trip before the failure mode decides. */
    @WithDefault("200ms")
    Duration deadline();

    /**
     * After a failed round trip, how long calls skip Redis and go straight to the failure mode,
     * so that a black-holed Redis costs one deadline per interval instead of one per call.
     */
    @WithDefault("1s")
    Duration probeInterval();

    /** Consecutive failed round trips after which Redis is skipped for one probe interval. */
    @WithDefault("3")
    int failuresBeforeSkip();
}
