package com.envoyx.contracts.apikey;

import java.util.Optional;

/**
 * The environment a key is for. The tag is what the key itself carries
 * ({@code envx_live_...}), so a leaked key tells at a glance where it came from.
 */
public enum ApiKeyEnvironment {
    PRODUCTION("production", "live"),
    STAGING("staging", "stg"),
    DEVELOPMENT("development", "dev");

    private final String wireName;
    private final String keyTag;

    ApiKeyEnvironment(String wireName, String keyTag) {
        this.wireName = wireName;
        this.keyTag = keyTag;
    }

    /** The name used in JSON and token claims. */
    public String wireName() {
        return wireName;
    }

    /** The tag inside the key string. */
    public String keyTag() {
        return keyTag;
    }

    public static Optional<ApiKeyEnvironment> fromWireName(String name) {
        for (ApiKeyEnvironment env : values()) {
            if (env.wireName.equals(name)) {
                return Optional.of(env);
            }
        }
        return Optional.empty();
    }

    static Optional<ApiKeyEnvironment> fromKeyTag(CharSequence tag) {
        for (ApiKeyEnvironment env : values()) {
            if (env.keyTag.contentEquals(tag)) {
                return Optional.of(env);
            }
        }
        return Optional.empty();
    }
}
