package com.envoyx.auth.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock of the service: key expiry, rotation grace, session expiry, token lifetimes and
 * audit times all read it, so tests move time instead of sleeping. It ticks in microseconds,
 * PostgreSQL's precision, so a time in a response equals the one read back later.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }
}
