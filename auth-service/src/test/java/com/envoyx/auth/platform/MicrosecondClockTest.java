package com.envoyx.auth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class MicrosecondClockTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456789Z");

    @Test
    void instantsAreTruncatedToMicroseconds() {
        Clock clock = new MicrosecondClock(Clock.fixed(AT, ZoneOffset.UTC));

        assertEquals(Instant.parse("2026-11-26T10:15:30.123456Z"), clock.instant());
    }

    @Test
    void millisWorks() {
        Clock clock = new MicrosecondClock(Clock.fixed(AT, ZoneOffset.UTC));

        assertEquals(AT.toEpochMilli(), clock.millis());
    }

    @Test
    void theServiceClockAnswersMillis() {
        long before = System.currentTimeMillis();

        long millis = new ClockProducer().clock().millis();

        assertTrue(millis >= before && millis <= System.currentTimeMillis(), "millis " + millis);
    }
}
