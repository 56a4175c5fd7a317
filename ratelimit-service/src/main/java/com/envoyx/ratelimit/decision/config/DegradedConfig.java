package com.envoyx.ratelimit.decision.config;

import java.time.Duration;

import com.envoyx.ratelimit.decision.model.FailureMode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What each limit does while Redis cannot be asked. */
@ConfigMapping(prefix = "envoyx.degraded")
public interface DegradedConfig {

    /** Failure mode of general requests: open keeps the API usable on a per-replica limiter. */
    @WithDefault("open")
    FailureMode generalRequests();

    /** Failure mode of invoice uploads: closed, because uploads cost storage and processing. */
    @WithDefault("closed")
    FailureMode invoiceUploads();

    /** Failure mode of WebSocket connections: open, so live connections survive a Redis blip. */
    @WithDefault("open")
    FailureMode websocketConnections();

    /** Retry-After given with a denial of a closed limit. */
    @WithDefault("1s")
    Duration retryAfter();

    /** Most keys the per-replica fallback limiter remembers; the least recently used go first. */
    @WithDefault("100000")
    long maxKeys();
}
