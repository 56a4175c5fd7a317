package com.envoyx.ratelimit.envoy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Envoy's global rate limit protocol (envoy.service.ratelimit.v3), served on the gRPC port. */
@ConfigMapping(prefix = "envoyx.envoy-rls")
public interface EnvoyRlsConfig {

    /** The rate limit domain Envoy must send; requests for any other domain are refused as invalid. */
    @WithDefault("envoyx")
    String domain();
}
