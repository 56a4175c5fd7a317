package com.envoyx.ratelimit.decision.model;

/**
 * The verdict of one limit in one call.
 *
 * @param allowed           whether this limit had room for the cost
 * @param limitValue        N of "N per window" (or N leases at once)
 * @param windowSeconds     the rolling window; 0 for concurrency limits
 * @param remaining         budget left after this call (nothing is charged when the call was refused)
 * @param resetAt           epoch seconds at which the whole budget is free again if nothing more is charged
 * @param retryAfterSeconds whole seconds, rounded up, until a call of this cost would fit; 0 when allowed
 */
public record LimitDecision(LimitName limit, boolean allowed, long limitValue, long windowSeconds, long remaining,
        long resetAt, long retryAfterSeconds) {
}
