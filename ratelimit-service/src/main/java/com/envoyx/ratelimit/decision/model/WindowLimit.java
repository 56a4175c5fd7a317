package com.envoyx.ratelimit.decision.model;

import java.time.Duration;

/** One rolling-window limit as it applies to one key: at most {@code max} per {@code window}. */
public record WindowLimit(LimitName name, long max, Duration window) {

    public long windowSeconds() {
        return window.toSeconds();
    }
}
