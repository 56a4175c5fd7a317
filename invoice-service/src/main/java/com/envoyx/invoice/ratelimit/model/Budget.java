package com.envoyx.invoice.ratelimit.model;

/**
 * One limit's state after a decision: the policy name used in the RateLimit headers
 * ({@code general}, {@code uploads}), its size and window, what is left, when the whole budget
 * is back (epoch seconds) and how long to wait when refused.
 */
public record Budget(String policy, long limit, long windowSeconds, long remaining, long resetAt,
                     long retryAfterSeconds, boolean allowed) {
}
