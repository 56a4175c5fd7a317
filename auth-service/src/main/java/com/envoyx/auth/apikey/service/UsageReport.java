package com.envoyx.auth.apikey.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code GET .../usage} answers. Without ratelimit-service the buckets are absent (never
 * zeros that would look like "no traffic") and {@code usage_available} is false.
 */
public record UsageReport(UUID keyId, boolean usageAvailable, Instant lastUsedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Bucket> hourly,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Bucket> daily) {

    /** Requests in the hour or UTC day starting at {@code start}. */
    public record Bucket(Instant start, long requests) {
    }
}
