package com.envoyx.auth.apikey.service;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Storage and background work of API keys. */
@ConfigMapping(prefix = "envoyx.api-keys")
public interface ApiKeyConfig {

    /**
     * Secret for HMAC-SHA256 key hashes (env ENVOYX_KEY_PEPPER). Absent: plain SHA-256. Changing
     * it invalidates every stored key, so set it before the first key is created.
     */
    Optional<String> pepper();

    /** How often collected last_used_at values are written, in one UPDATE per batch. */
    @WithDefault("5s")
    Duration lastUsedFlushInterval();

    /** How often keys past their expiry or rotation grace are looked for and announced. */
    @WithDefault("15s")
    Duration lifecycleScanInterval();
}
