package com.envoyx.invoice.shutdown.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envoyx.shutdown")
public interface ShutdownDrainConfig {

    /**
     * How long a stopping replica waits for HTTP requests in flight (open WebSockets are closed
     * with 1001 at once instead); then it stops anyway.
     */
    @WithDefault("30s")
    Duration timeout();
}
