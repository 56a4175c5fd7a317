package com.envoyx.contracts.apikey;

/**
 * A key string that passed the format and checksum check. It may still be unknown, revoked
 * or expired: only auth-service can tell. {@link #toString()} never prints the key.
 */
public record ParsedApiKey(String value, ApiKeyEnvironment environment) {

    /** The display hint, e.g. {@code envx_live_…abcd}: the prefix and the last four characters. */
    public String hint() {
        return ApiKeyFormat.hint(value);
    }

    @Override
    public String toString() {
        return "ParsedApiKey[" + hint() + "]";
    }
}
