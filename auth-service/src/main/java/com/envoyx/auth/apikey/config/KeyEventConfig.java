package com.envoyx.auth.apikey.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The publication of key events from the outbox to Redis. */
@ConfigMapping(prefix = "envoyx.key-events")
public interface KeyEventConfig {

    /** How often the outbox is looked at for events still to publish (env ENVOYX_KEY_EVENTS_DISPATCH_INTERVAL); a change also publishes right after commit. */
    @WithDefault("1s")
    Duration dispatchInterval();

    /** How long one PUBLISH may take before it counts as failed and is tried again (env ENVOYX_KEY_EVENTS_PUBLISH_TIMEOUT). */
    @WithDefault("2s")
    Duration publishTimeout();

    /** The longest wait between two tries of one event while Redis refuses (env ENVOYX_KEY_EVENTS_RETRY_MAX_BACKOFF); short, because a revocation waits on it. */
    @WithDefault("5s")
    Duration retryMaxBackoff();

    /** How long an event being published stays claimed by one replica; if that replica dies another publishes it after this (env ENVOYX_KEY_EVENTS_PUBLISH_LEASE). */
    @WithDefault("15s")
    Duration publishLease();
}
