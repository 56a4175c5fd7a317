package com.envoyx.auth.apikey.service;

import com.envoyx.auth.apikey.model.ApiKey;

/**
 * A freshly created key together with its plaintext, which exists only on its way into the one
 * response that shows it. {@link #toString()} leaves the plaintext out, so a stray log line
 * cannot leak it.
 */
public record IssuedKey(ApiKey key, String plaintext) {

    @Override
    public String toString() {
        return "IssuedKey[" + key.id + ", " + key.hint() + "]";
    }
}
