package com.envoyx.ratelimit.decision.model;

/** What a limit does while Redis cannot be asked. */
public enum FailureMode {
    /** Allow within a per-replica in-memory limiter at the same limits. */
    OPEN,
    /** Refuse with a retryable error (gRPC UNAVAILABLE, REST 503). */
    CLOSED
}
