package com.envoyx.invoice.webhooks.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook deliveries (ENVOYX_WEBHOOK_*): the schedule, the bounds of one attempt, and the dispatcher's queue. */
@ConfigMapping(prefix = "envoyx.webhook")
public interface WebhookConfig {

    /** Waits between attempts of one delivery, comma-separated; the last one's attempt is the final one. */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    String retrySchedule();

    /** Whether endpoints may point at private, loopback or link-local addresses, and http to 127.0.0.1 (local runs only). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** One attempt's limit: connecting, sending and the answer's headers; past it the attempt failed. */
    @WithDefault("5s")
    Duration timeout();

    /** An endpoint failing every attempt this long (no success in between) is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** How long the old secret keeps signing beside the new one after a rotation. */
    @WithDefault("24h")
    Duration secretGrace();

    /** Whether this replica delivers (the API and the outbox work either way). */
    @WithDefault("true")
    boolean dispatchEnabled();

    /** How often a replica looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claim holds a delivery; another replica retakes it after (a killed replica). Longer than the timeout. */
    @WithDefault("30s")
    Duration leaseDuration();

    /** Deliveries in flight per replica. */
    @WithDefault("32")
    int concurrency();

    /** Bytes of an endpoint's answer that are read (and stored in no place); the rest is discarded unread. */
    @WithDefault("4096")
    int maxResponseBytes();
}
