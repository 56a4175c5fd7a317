package com.envoyx.auth.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock truncated to microseconds. {@code Clock.tick(base, 1 µs)} would do the same, but on
 * Java 17 its {@code millis()} divides by zero for any tick shorter than a millisecond.
 */
final class MicrosecondClock extends Clock {

    private final Clock base;

    MicrosecondClock(Clock base) {
        this.base = base;
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MicrosecondClock(base.withZone(zone));
    }
}
