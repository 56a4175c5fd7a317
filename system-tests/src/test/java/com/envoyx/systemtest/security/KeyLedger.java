package com.envoyx.systemtest.security;

import java.util.ArrayList;
import java.util.List;

import com.envoyx.contracts.apikey.ApiKeyFormat;

/**
 * Every plaintext key the security tests received from auth-service in this JVM, so the plaintext
 * scan looks for all of them, not only its own.
 */
final class KeyLedger {

    private static final List<String> KEYS = new ArrayList<>();

    private KeyLedger() {
    }

    static synchronized String record(String plaintext) {
        if (ApiKeyFormat.parse(plaintext).isEmpty()) {
            throw new IllegalArgumentException("not an API key: " + ApiKeyFormat.hint(plaintext));
        }
        KEYS.add(plaintext);
        return plaintext;
    }

    static synchronized List<String> all() {
        return List.copyOf(KEYS);
    }

    /** The random part of a key: what makes it secret, without prefix, environment or checksum. */
    static String secretPart(String plaintext) {
        int start = plaintext.indexOf('_', ApiKeyFormat.PREFIX.length()) + 1;
        return plaintext.substring(start, start + ApiKeyFormat.RANDOM_LENGTH);
    }
}
