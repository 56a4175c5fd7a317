package com.envoyx.invoice.events.service;

import io.quarkus.websockets.next.CloseReason;

/** Why the server closed a socket; the codes are documented for clients in the module README. */
final class CloseCodes {

    /** The replica is shutting down; reconnect (another replica answers). */
    static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down");
    /** The key was revoked, deleted, expired or rotated out; reconnecting with it is refused. */
    static final CloseReason KEY_REVOKED = new CloseReason(4403, "API key revoked");
    /** The connection's slot could not be renewed (its lease expired); reconnect, which may answer 429. */
    static final CloseReason SLOT_LOST = new CloseReason(4429, "connection slot lost");
    /** The client read too slowly: more than the outbound queue limit of messages were waiting. */
    static final CloseReason SLOW_CONSUMER = new CloseReason(4008, "slow consumer");

    private CloseCodes() {
    }
}
