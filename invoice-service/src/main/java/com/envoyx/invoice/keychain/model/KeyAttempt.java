package com.envoyx.invoice.keychain.model;

/**
 * The throttle's answer to one attempt: let through (counted or not) or refused for
 * {@code retryAfterSeconds}. An attempt that was counted is given back when its key turns out valid.
 */
public record KeyAttempt(boolean allowed, boolean counted, String bucket, long retryAfterSeconds) {

    public static KeyAttempt uncounted() {
        return new KeyAttempt(true, false, null, 0);
    }
}
