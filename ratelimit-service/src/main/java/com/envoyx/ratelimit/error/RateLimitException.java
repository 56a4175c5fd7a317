package com.envoyx.ratelimit.error;

import com.envoyx.contracts.error.ErrorCode;

/**
 * A refusal with a stable code; gRPC and REST each map it once ({@link GrpcErrors},
 * {@link RestErrorMapping}). A retryable refusal carries the seconds after which to try again.
 */
public class RateLimitException extends RuntimeException {

    private final ErrorCode code;
    private final long retryAfterSeconds;

    public RateLimitException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    public RateLimitException(ErrorCode code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    /** Seconds after which a retry may succeed; 0 when no retry is suggested. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
