package com.envoyx.auth.account.service;

import java.time.Duration;

/** Durations as a mail states them ("24 hours", "30 minutes"). */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
