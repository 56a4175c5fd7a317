package com.envoyx.ratelimit.error;

import java.io.IOException;

import com.envoyx.contracts.error.ErrorCode;

/**
 * The one test of "is this failure a dependency that is away for now?": an I/O failure anywhere in
 * the chain (auth-service's JWKS could not be fetched), or a refusal already saying
 * SERVICE_UNAVAILABLE (every failed Redis round trip becomes one). An outage is retryable and,
 * for checks and leases, decided by the limit's failure mode instead of Redis.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException
                    || cause instanceof RateLimitException refusal && refusal.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
