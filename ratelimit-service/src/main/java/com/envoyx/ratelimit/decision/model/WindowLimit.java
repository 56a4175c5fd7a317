package com.envoyx.ratelimit.decision.model;

import java.time.Duration;

/**
 * One rolling-window limit as it applies to one key: at most {@code max} per {@code window}.
 *
 * @param bucketWidth width of one sub-window bucket of this limit (read even for an exact log, whose
 *                    buckets may still hold charges from before the limit was lowered)
 * @param bucketed    true when the limit is kept in buckets (larger than exact-log-max), false for the exact log
 */
public record WindowLimit(LimitName name, long max, Duration window, Duration bucketWidth, boolean bucketed) {

    public long windowSeconds() {
        return window.toSeconds();
    }

    public long windowMicros() {
        return window.toNanos() / 1000;
    }

    public long bucketWidthMicros() {
        return bucketWidth.toNanos() / 1000;
    }
}
