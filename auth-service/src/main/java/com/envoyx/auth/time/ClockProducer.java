package com.envoyx.auth.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock of the service: key expiry, rotation grace, session expiry, token lifetimes and
 * audit times all read it, so tests move time instead of sleeping.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
