package com.envoyx.auth.dashboard.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the dashboard writes instants: UTC to the minute, the same on every page and for every viewer. */
final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String minute(Instant instant, String whenAbsent) {
        return instant == null ? whenAbsent : MINUTE.format(instant);
    }

    /** For logs where seconds matter (webhook deliveries). */
    static String second(Instant instant, String whenAbsent) {
        return instant == null ? whenAbsent : SECOND.format(instant);
    }

    /** The machine-readable form for {@code <time datetime>}; empty when absent. */
    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
