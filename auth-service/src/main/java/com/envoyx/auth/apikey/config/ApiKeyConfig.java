package com.envoyx.auth.apikey.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Storage and background work of API keys. Each name matches its documented environment variable
 * (envoyx.key-pepper is ENVOYX_KEY_PEPPER), so no properties line repeats a default.
 */
@ConfigMapping(prefix = "envoyx")
public interface ApiKeyConfig {

    /**
     * Secret for HMAC-SHA256 key hashes (env ENVOYX_KEY_PEPPER). Required: the service refuses to
     * start without it (and, in the prod profile, with fewer than 32 random bytes). Changing it
     * invalidates every stored key, so set it before the first key is created.
     */
    Optional<String> keyPepper();

    /**
     * Keys an account may have active at once, neither revoked nor past their end (env
     * ENVOYX_MAX_ACTIVE_KEYS_PER_ACCOUNT). Each key is a budget of its own, so this bounds what
     * one account can spend; creating one more is 409 API_KEY_LIMIT_REACHED. Rotation is not
     * refused: a successor shares its predecessor's budget.
     */
    @WithDefault("25")
    int maxActiveKeysPerAccount();

    /** How often collected last_used_at values are written, in one UPDATE per batch (env ENVOYX_LAST_USED_FLUSH_INTERVAL). */
    @WithDefault("5s")
    Duration lastUsedFlushInterval();

    /** How often keys past their expiry or rotation grace are looked for and announced (env ENVOYX_KEY_LIFECYCLE_SCAN_INTERVAL). */
    @WithDefault("15s")
    Duration keyLifecycleScanInterval();
}
