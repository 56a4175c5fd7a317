package com.envoyx.auth.dashboard.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.envoyx.auth.apikey.model.ApiKeyStatus;
import com.envoyx.auth.apikey.rest.ApiKeyView;

/**
 * One key as the dashboard shows it. A key nobody has used for {@link #UNUSED_AFTER} (counted from
 * its creation when it was never used) is a candidate for deletion: the documentation asks customers
 * to remove keys of decommissioned services.
 */
public record KeyRow(UUID id, String name, String hint, String environment, String scopes, String status,
        String created, String createdIso, String expires, String lastUsed, String lastUsedIso,
        String deletionHint, boolean active, boolean rotatable) {

    static final Duration UNUSED_AFTER = Duration.ofDays(30);

    static KeyRow of(ApiKeyView key, Instant now) {
        boolean active = key.status() == ApiKeyStatus.ACTIVE;
        return new KeyRow(key.id(), key.name(), key.hint(), key.environment(), String.join(", ", key.scopes()),
                key.status().name().toLowerCase(java.util.Locale.ROOT),
                Times.minute(key.createdAt(), ""), Times.iso(key.createdAt()),
                Times.minute(key.expiresAt(), "Never"),
                Times.minute(key.lastUsedAt(), "Never"), Times.iso(key.lastUsedAt()),
                deletionHint(key, now), active, active && key.rotatedAt() == null);
    }

    private static String deletionHint(ApiKeyView key, Instant now) {
        Instant cutoff = now.minus(UNUSED_AFTER);
        if (key.lastUsedAt() == null) {
            return key.createdAt().isBefore(cutoff) ? "Never used in " + UNUSED_AFTER.toDays() + " days" : null;
        }
        return key.lastUsedAt().isBefore(cutoff) ? "Unused for " + UNUSED_AFTER.toDays() + " days" : null;
    }
}
