package com.envoyx.auth.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one clock of the service: key expiry, rotation grace, session expiry, token lifetimes and
 * audit times all read it, so tests move time instead of sleeping. It ticks in microseconds,
 * PostgreSQL's precision, so a time in a response equals the one read back later.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }
}
