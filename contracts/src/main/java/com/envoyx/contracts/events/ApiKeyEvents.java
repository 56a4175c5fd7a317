package com.envoyx.contracts.events;

/**
 * Redis pub/sub contract for key changes that must reach every replica at once: on revoke,
 * delete, rotation end, expiry and limit change auth-service publishes one JSON message
 * {@code {"type": "...", "key_id": "...", "budget_id": "...", "account_id": "...", "at": <epoch ms>}}
 * on {@link #CHANNEL} (after the deployment's key prefix). Subscribers drop every cached
 * credential of that key id, and what they decided locally for its budget ({@code budget_id}, the
 * {@link com.envoyx.contracts.token.InternalTokenClaims#BUDGET_ID} claim; absent in events of an
 * older auth-service: the key id). Tokens still expire on their own, so a lost message costs at most
 * one token lifetime.
 */
public final class ApiKeyEvents {

    public static final String CHANNEL = "events:api-keys";

    public static final String FIELD_TYPE = "type";
    public static final String FIELD_KEY_ID = "key_id";
    public static final String FIELD_BUDGET_ID = "budget_id";
    public static final String FIELD_ACCOUNT_ID = "account_id";
    public static final String FIELD_AT = "at";

    /** Values of the {@code type} field. */
    public enum Type {
        REVOKED, DELETED, EXPIRED, ROTATED, LIMITS_CHANGED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ApiKeyEvents() {
    }
}
