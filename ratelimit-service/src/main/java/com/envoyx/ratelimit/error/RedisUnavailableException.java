package com.envoyx.ratelimit.error;

import com.envoyx.contracts.error.ErrorCode;

/** Redis did not answer within the deadline or failed: transient, worth a retry a second later. */
public class RedisUnavailableException extends RateLimitException {

    public RedisUnavailableException(String message) {
        super(ErrorCode.SERVICE_UNAVAILABLE, message, 1);
    }
}
