package com.envoyx.invoice.webhooks.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waits between a delivery's attempts, as written in ENVOYX_WEBHOOK_RETRY_SCHEDULE
 * ({@code 5s,5m,30m,2h,5h,10h,10h}): after attempt n fails, attempt n + 1 comes after the n-th
 * wait; after the last wait's attempt the delivery has failed for good.
 */
public record RetrySchedule(List<Duration> waits) {

    private static final Pattern STEP = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public RetrySchedule {
        waits = List.copyOf(waits);
    }

    public static RetrySchedule parse(String text) {
        List<Duration> waits = new ArrayList<>();
        for (String raw : text.split(",")) {
            Matcher step = STEP.matcher(raw.trim());
            if (!step.matches()) {
                throw new IllegalArgumentException("ENVOYX_WEBHOOK_RETRY_SCHEDULE: '" + raw.trim()
                        + "' is not a wait like 5s, 5m, 2h or 1d (comma-separated)");
            }
            long amount = Long.parseLong(step.group(1));
            waits.add(switch (step.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return new RetrySchedule(waits);
    }

    /** The wait before the attempt after {@code failedAttempt} (1-based), or empty when it was the last. */
    public Optional<Duration> waitAfter(int failedAttempt) {
        return failedAttempt >= 1 && failedAttempt <= waits.size()
                ? Optional.of(waits.get(failedAttempt - 1))
                : Optional.empty();
    }

    /** Attempts in all: the first and one per wait. */
    public int attempts() {
        return waits.size() + 1;
    }
}
