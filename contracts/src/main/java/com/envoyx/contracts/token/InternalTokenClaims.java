package com.envoyx.contracts.token;

/**
 * Claim names of the internal JWT that auth-service issues in exchange for an API key.
 * Issuer, audience and algorithm are configuration (they must match exactly on both sides);
 * the names here are the contract.
 */
public final class InternalTokenClaims {

    /** Standard {@code sub}: the API key's id. */
    public static final String KEY_ID = "sub";
    /**
     * The id of the rate-limit budget the key spends: the id of the first key of its rotation
     * chain, so a rotated key and its successors share one budget. Absent (tokens of an older
     * auth-service): the key's own id.
     */
    public static final String BUDGET_ID = "budget";
    /** The account that owns the key; tenancy is decided by it. */
    public static final String ACCOUNT_ID = "acct";
    /** Array of scope strings, see {@link com.envoyx.contracts.apikey.Scope}. */
    public static final String SCOPES = "scopes";
    /** {@code production}, {@code staging} or {@code development}. */
    public static final String ENVIRONMENT = "env";
    /** The key's display name, e.g. "Production Server". */
    public static final String KEY_NAME = "key_name";
    /** Display hint such as {@code envx_live_…abcd}. */
    public static final String KEY_HINT = "key_hint";
    /**
     * Object of per-key overrides: {@code requests_per_minute}, {@code uploads_per_hour},
     * {@code websocket_connections}; an absent member means the configured default.
     */
    public static final String LIMITS = "limits";
    public static final String LIMIT_REQUESTS_PER_MINUTE = "requests_per_minute";
    public static final String LIMIT_UPLOADS_PER_HOUR = "uploads_per_hour";
    public static final String LIMIT_WEBSOCKET_CONNECTIONS = "websocket_connections";
    /** Present only on service tokens: the name of the service that minted it. */
    public static final String SERVICE = "svc";
    /**
     * {@code true} only on dashboard tokens: auth-service mints one for a signed-in account's
     * dashboard page to call invoice-service's webhooks API on the account's behalf. Such a token
     * has {@code sub} {@value #DASHBOARD_SUBJECT_PREFIX}+account id, {@link #ACCOUNT_ID} and
     * {@link #SCOPES} {@code ["webhooks:write"]}, and no key claims; invoice-service accepts it as
     * {@code Authorization: Bearer} on the webhooks routes only.
     */
    public static final String DASHBOARD = "dashboard";
    public static final String DASHBOARD_SUBJECT_PREFIX = "dashboard:";

    private InternalTokenClaims() {
    }
}
