package com.envoyx.ratelimit.decision.model;

import java.time.Duration;

/** How much usage history is served and kept; one bucket more is kept than served so the oldest served is complete. */
public final class UsageRetention {

    public static final int HOURS_SERVED = 24;
    public static final int DAYS_SERVED = 30;
    public static final int HOURS_KEPT = HOURS_SERVED + 1;
    public static final int DAYS_KEPT = DAYS_SERVED + 1;
    /** An idle key's usage hash disappears once even its daily buckets have aged out. */
    public static final Duration IDLE_TTL = Duration.ofDays(DAYS_KEPT);

    private UsageRetention() {
    }
}
