package com.envoyx.ratelimit.decision.model;

/** Accepted requests in one hour or UTC day starting at {@code start} (epoch seconds). */
public record UsageBucket(long start, long requests) {
}
