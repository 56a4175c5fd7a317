package com.envoyx.ratelimit.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one clock of the Java side; Redis scripts use Redis TIME instead. Unit tests pass a clock of their own. */
@ApplicationScoped
public class ClockProducer {

    /**
     * {@code @Singleton}, not {@code @ApplicationScoped}: every decision reads the clock (token
     * cache, fallback limiter, Redis skip interval), and a stateless system clock gains nothing
     * from the client proxy a normal scope would put in front of each read.
     */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
