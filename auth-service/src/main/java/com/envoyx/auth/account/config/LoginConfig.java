package com.envoyx.auth.account.config;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Password hashing and the throttling of login attempts. */
@ConfigMapping(prefix = "envoyx.login")
public interface LoginConfig {

    /** Login attempts per email within {@link #window()} before 429 (env ENVOYX_LOGIN_MAX_ATTEMPTS_PER_EMAIL). */
    @WithDefault("10")
    int maxAttemptsPerEmail();

    /** Failed login attempts per client address within {@link #window()} (env ENVOYX_LOGIN_MAX_ATTEMPTS_PER_ADDRESS). */
    @WithDefault("100")
    int maxAttemptsPerAddress();

    /** The fixed window the attempt counters live for (env ENVOYX_LOGIN_WINDOW). */
    @WithDefault("15m")
    Duration window();

    /** Argon2id memory in KiB (OWASP's minimum recommendation is 19 MiB). */
    @WithDefault("19456")
    int argon2MemoryKib();

    /** Argon2id passes over memory. */
    @WithDefault("2")
    int argon2Iterations();

    /** Argon2id lanes. */
    @WithDefault("1")
    int argon2Parallelism();

    /**
     * Password hashes computed at once (env ENVOYX_LOGIN_ARGON2_MAX_CONCURRENT). Each holds
     * argon2-memory-kib of heap; unset, a quarter of the maximum heap divided by that, at least 1.
     */
    OptionalInt argon2MaxConcurrent();

    /** Hashes waiting for a turn beyond those; further requests get 503 with Retry-After (env ENVOYX_LOGIN_ARGON2_MAX_QUEUED). */
    @WithDefault("32")
    int argon2MaxQueued();
}
