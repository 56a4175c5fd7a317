package com.envoyx.invoice.idempotency.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envoyx.idempotency")
public interface IdempotencyConfig {

    /** How long a completed request is replayed for its Idempotency-Key. */
    @WithDefault("24h")
    Duration retention();

    /**
     * After this long an in-flight claim counts as abandoned (its request crashed) and the key
     * may be used again; until then a second request with the key gets 409.
     */
    @WithDefault("2m")
    Duration inFlightTimeout();

    /** Longest accepted Idempotency-Key, in characters. */
    @WithDefault("255")
    int maxKeyLength();
}
