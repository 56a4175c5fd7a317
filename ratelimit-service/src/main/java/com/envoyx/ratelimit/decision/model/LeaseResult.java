package com.envoyx.ratelimit.decision.model;

/**
 * The outcome of acquiring or renewing a concurrency lease.
 *
 * @param active            leases the key holds after this call
 * @param retryAfterSeconds when refused: seconds until the earliest held lease expires if not renewed
 * @param degraded          true when Redis could not be asked and the limit's failure mode decided
 */
public record LeaseResult(boolean granted, String leaseId, long limitValue, long active, long ttlSeconds,
        long retryAfterSeconds, boolean degraded) {
}
