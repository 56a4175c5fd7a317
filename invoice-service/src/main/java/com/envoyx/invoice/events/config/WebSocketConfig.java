package com.envoyx.invoice.events.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.websocket")
public interface WebSocketConfig {

    /**
     * Most messages queued for one socket and not yet written to the network; one more and the
     * socket is closed with 4008 (slow consumer), so a client that stops reading
     * costs at most this many messages of memory.
     */
    int outboundQueueLimit();

    /**
     * How often an open socket renews its connection lease (and re-checks its key). A third of
     * ratelimit-service's lease TTL (30 s), so one lost renewal does not lose the slot.
     */
    Duration leaseRenewInterval();

    /**
     * How long a WebSocket ticket ({@code POST /api/v1/ws/ticket}) may wait for its one use (env
     * ENVOYX_WEBSOCKET_TICKET_TTL). Short: it stands in for the key in a URL that proxies may log.
     */
    @WithDefault("30s")
    Duration ticketTtl();

    /** How long a stopping replica waits for its sockets' leases to be released before it goes on. */
    @WithDefault("2s")
    Duration shutdownReleaseTimeout();
}
