package com.envoyx.auth.apikey.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.apikey.model.ApiKeyStatus;

/** A key as list and get show it: everything except the key itself. */
public record ApiKeyView(UUID id, String name, String hint, String environment, List<String> scopes,
        ApiKeyStatus status, Instant createdAt, Instant expiresAt, Instant lastUsedAt, UUID createdBy,
        Limits limits, Instant rotatedAt, UUID replacedBy) {

    /** Per-key overrides; null means the configured default applies. */
    public record Limits(Integer requestsPerMinute, Integer uploadsPerHour, Integer websocketConnections) {
    }

    public static ApiKeyView of(ApiKey key, Instant now, Optional<Instant> unflushedUse) {
        Instant lastUsed = key.lastUsedAt;
        if (unflushedUse.isPresent() && (lastUsed == null || unflushedUse.get().isAfter(lastUsed))) {
            lastUsed = unflushedUse.get();
        }
        return new ApiKeyView(key.id, key.name, key.hint(), key.environment, key.scopeList(), key.statusAt(now),
                key.createdAt, key.expiresAt, lastUsed, key.createdBy,
                new Limits(key.requestsPerMinute, key.uploadsPerHour, key.websocketConnections),
                key.rotatedAt, key.replacedBy);
    }
}
