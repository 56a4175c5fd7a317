package com.envoyx.auth.apikey.rest;

import java.time.Duration;

import com.envoyx.auth.apikey.service.ApiKeyService;
import com.envoyx.auth.error.Violations;

/** Optional body of {@code POST /api/v1/api-keys/{id}/rotate}. */
public record RotateApiKeyRequest(Long gracePeriodSeconds) {

    static Duration graceOf(RotateApiKeyRequest body) {
        if (body == null || body.gracePeriodSeconds() == null) {
            return Duration.ZERO;
        }
        long seconds = body.gracePeriodSeconds();
        if (seconds < 0 || seconds > ApiKeyService.MAX_GRACE.toSeconds()) {
            throw Violations.single("grace_period_seconds",
                    "must be between 0 and " + ApiKeyService.MAX_GRACE.toSeconds() + " (7 days)");
        }
        return Duration.ofSeconds(seconds);
    }
}
