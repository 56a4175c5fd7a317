package com.envoyx.invoice.keychain.model;

/**
 * The throttle's answer for one client address before a key not known to be valid is looked up:
 * go on, or refused for {@code retryAfterSeconds}. {@code bucket} is the counter the address
 * belongs to, where the attempt is counted if its key turns out invalid.
 */
public record KeyAttempt(boolean allowed, String bucket, long retryAfterSeconds) {
}
