package com.envoyx.ratelimit.decision.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Concurrency leases; its own prefix so that the key is read from its documented variable, {@code ENVOYX_LEASE_TTL}. */
@ConfigMapping(prefix = "envoyx.lease")
public interface LeaseConfig {

    /** How long a concurrency lease lives unless renewed; callers renew every third of it. */
    @WithDefault("30s")
    Duration ttl();
}
