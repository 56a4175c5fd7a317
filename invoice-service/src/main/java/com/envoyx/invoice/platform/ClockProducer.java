package com.envoyx.invoice.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one clock seam: every expiry, window and TTL computed in Java reads time from this bean,
 * so tests move time instead of sleeping.
 */
@ApplicationScoped
class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
