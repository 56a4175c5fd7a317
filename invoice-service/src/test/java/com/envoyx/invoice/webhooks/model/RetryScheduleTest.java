package com.envoyx.invoice.webhooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultScheduleWaitsAsDocumentedAndEndsAfterEightAttempts() {
        RetrySchedule schedule = RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h");
        assertEquals(Optional.of(Duration.ofSeconds(5)), schedule.waitAfter(1));
        assertEquals(Optional.of(Duration.ofMinutes(5)), schedule.waitAfter(2));
        assertEquals(Optional.of(Duration.ofMinutes(30)), schedule.waitAfter(3));
        assertEquals(Optional.of(Duration.ofHours(2)), schedule.waitAfter(4));
        assertEquals(Optional.of(Duration.ofHours(10)), schedule.waitAfter(7));
        assertEquals(Optional.empty(), schedule.waitAfter(8));
        assertEquals(8, schedule.attempts());
    }

    @Test
    void shortSchedulesForTestsAndDays() {
        RetrySchedule schedule = RetrySchedule.parse(" 200ms, 1s ,1d");
        assertEquals(Optional.of(Duration.ofMillis(200)), schedule.waitAfter(1));
        assertEquals(Optional.of(Duration.ofDays(1)), schedule.waitAfter(3));
        assertEquals(Optional.empty(), schedule.waitAfter(0));
    }

    @Test
    void aMalformedStepNamesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5s,5 minutes"));
        assertEquals("ENVOYX_WEBHOOK_RETRY_SCHEDULE: '5 minutes' is not a wait like 5s, 5m, 2h or 1d (comma-separated)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(""));
    }
}
