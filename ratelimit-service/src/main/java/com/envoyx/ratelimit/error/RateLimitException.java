package com.envoyx.ratelimit.error;

import com.envoyx.contracts.error.ErrorCode;

/**
 * The service's one refusal: a stable code, a message safe to show, and, when retrying may help,
 * the seconds after which to retry (the only carrier of Retry-After, for REST and gRPC alike).
 * {@link ErrorMapping} turns it into an envelope or a gRPC status.
 */
public class RateLimitException extends RuntimeException {

    private final ErrorCode code;
    private final long retryAfterSeconds;
    private final Object data;

    public RateLimitException(ErrorCode code, String message) {
        this(code, message, 0, null);
    }

    /**
     * @param retryAfterSeconds seconds after which a retry may succeed; 0 when no retry is suggested
     * @param data              the envelope's {@code data} (REST only); null for none, or just
     *                          {@code retry_after} when a retry is suggested
     */
    public RateLimitException(ErrorCode code, String message, long retryAfterSeconds, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.data = data;
    }

    /** A dependency (Redis, auth-service's JWKS) cannot be asked right now; see {@link Outages}. */
    public static RateLimitException unavailable(String message, long retryAfterSeconds) {
        return new RateLimitException(ErrorCode.SERVICE_UNAVAILABLE, message, retryAfterSeconds, null);
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Object data() {
        return data;
    }
}
