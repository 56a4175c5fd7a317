package com.envoyx.ratelimit.token.model;

import java.util.UUID;

/** API key ids are UUIDs in canonical form; anything else never names a key (nor a Redis key). */
public final class KeyIds {

    private KeyIds() {
    }

    public static boolean isKeyId(String value) {
        try {
            return value != null && UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
