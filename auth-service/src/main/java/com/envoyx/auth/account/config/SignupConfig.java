package com.envoyx.auth.account.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The throttling of registrations, like the login throttle's settings. */
@ConfigMapping(prefix = "envoyx.signup")
public interface SignupConfig {

    /** Registrations per client address within {@link #window()} before 429 (env ENVOYX_SIGNUP_MAX_PER_ADDRESS). */
    @WithDefault("10")
    int maxPerAddress();

    /** Registrations across the service within {@link #window()} before 429 (env ENVOYX_SIGNUP_MAX_GLOBAL). */
    @WithDefault("1000")
    int maxGlobal();

    /** The fixed window both counters live for (env ENVOYX_SIGNUP_WINDOW). */
    @WithDefault("1h")
    Duration window();
}
