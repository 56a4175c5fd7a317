package com.envoyx.invoice.keychain.model;

import java.util.Optional;
import java.util.UUID;

import com.envoyx.contracts.events.ApiKeyEvents;

/**
 * A key event from auth-service, fired as a synchronous CDI event after the credential cache
 * dropped the key, for whoever holds something of that key beyond one request (open WebSockets).
 *
 * @param type the event's type; empty when the message named a type this version does not know
 */
public record ApiKeyChanged(UUID keyId, Optional<ApiKeyEvents.Type> type) {

    /** Whether the key no longer authenticates (revoked, deleted, expired, rotated out); limit changes do not end it. */
    public boolean endsKey() {
        return type.isEmpty() || type.get() != ApiKeyEvents.Type.LIMITS_CHANGED;
    }
}
