package com.envoyx.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.ratelimit.decision.config.DegradedConfig;
import com.envoyx.ratelimit.decision.config.LeaseConfig;
import com.envoyx.ratelimit.decision.config.LimitsConfig;
import com.envoyx.ratelimit.decision.model.FailureMode;
import com.envoyx.ratelimit.envoy.config.EnvoyRlsConfig;
import com.envoyx.ratelimit.platform.RedisConfig;
import com.envoyx.ratelimit.token.config.TokenConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The README's configuration table holds: application.properties names none of the service's own
 * settings, so each documented environment variable must reach its property through SmallRye's
 * own name mapping, and each default comes from its {@code @WithDefault}.
 */
class DocumentedVariablesTest {

    @Test
    void everyDocumentedVariableSetsItsProperty() {
        SmallRyeConfig config = config(Map.ofEntries(
                Map.entry("ENVOYX_LIMIT_REQUESTS_PER_MINUTE", "7"),
                Map.entry("ENVOYX_LIMIT_UPLOADS_PER_HOUR", "8"),
                Map.entry("ENVOYX_LIMIT_WEBSOCKET_CONNECTIONS", "9"),
                Map.entry("ENVOYX_LIMIT_GENERAL_WINDOW", "10s"),
                Map.entry("ENVOYX_LIMIT_UPLOAD_WINDOW", "11s"),
                Map.entry("ENVOYX_LEASE_TTL", "12s"),
                Map.entry("ENVOYX_LIMIT_EXACT_LOG_MAX", "17"),
                Map.entry("ENVOYX_LIMIT_BUCKETS_PER_WINDOW", "18"),
                Map.entry("ENVOYX_LIMIT_SLICE_SHARE", "0.19"),
                Map.entry("ENVOYX_LIMIT_SLICE_VALIDITY", "20s"),
                Map.entry("ENVOYX_REDIS_KEY_PREFIX", "other:"),
                Map.entry("ENVOYX_REDIS_DEADLINE", "13ms"),
                Map.entry("ENVOYX_REDIS_PROBE_INTERVAL", "14s"),
                Map.entry("ENVOYX_REDIS_FAILURES_BEFORE_SKIP", "15"),
                Map.entry("ENVOYX_DEGRADED_GENERAL_REQUESTS", "closed"),
                Map.entry("ENVOYX_DEGRADED_INVOICE_UPLOADS", "open"),
                Map.entry("ENVOYX_DEGRADED_WEBSOCKET_CONNECTIONS", "closed"),
                Map.entry("ENVOYX_TOKEN_CACHE_TTL", "16s"),
                Map.entry("ENVOYX_ENVOY_RLS_DOMAIN", "mesh")));

        LimitsConfig limits = config.getConfigMapping(LimitsConfig.class);
        assertEquals(7, limits.requestsPerMinute());
        assertEquals(8, limits.uploadsPerHour());
        assertEquals(9, limits.websocketConnections());
        assertEquals(Duration.ofSeconds(10), limits.generalWindow());
        assertEquals(Duration.ofSeconds(11), limits.uploadWindow());
        assertEquals(17, limits.exactLogMax());
        assertEquals(18, limits.bucketsPerWindow());
        assertEquals(0.19, limits.sliceShare());
        assertEquals(Duration.ofSeconds(20), limits.sliceValidity());
        assertEquals(Duration.ofSeconds(12), config.getConfigMapping(LeaseConfig.class).ttl());
        RedisConfig redis = config.getConfigMapping(RedisConfig.class);
        assertEquals("other:", redis.keyPrefix());
        assertEquals(Duration.ofMillis(13), redis.deadline());
        assertEquals(Duration.ofSeconds(14), redis.probeInterval());
        assertEquals(15, redis.failuresBeforeSkip());
        DegradedConfig degraded = config.getConfigMapping(DegradedConfig.class);
        assertEquals(FailureMode.CLOSED, degraded.generalRequests());
        assertEquals(FailureMode.OPEN, degraded.invoiceUploads());
        assertEquals(FailureMode.CLOSED, degraded.websocketConnections());
        assertEquals(Duration.ofSeconds(16), config.getConfigMapping(TokenConfig.class).cacheTtl());
        assertEquals("mesh", config.getConfigMapping(EnvoyRlsConfig.class).domain());
    }

    @Test
    void unsetVariablesLeaveTheDocumentedDefaults() {
        SmallRyeConfig config = config(Map.of());

        LimitsConfig limits = config.getConfigMapping(LimitsConfig.class);
        assertEquals(100, limits.requestsPerMinute());
        assertEquals(100, limits.uploadsPerHour());
        assertEquals(5, limits.websocketConnections());
        assertEquals(Duration.ofSeconds(60), limits.generalWindow());
        assertEquals(Duration.ofSeconds(3600), limits.uploadWindow());
        assertEquals(1000, limits.maxCost());
        assertEquals(1000, limits.exactLogMax());
        assertEquals(60, limits.bucketsPerWindow());
        assertEquals(0.02, limits.sliceShare());
        assertEquals(Duration.ofSeconds(1), limits.sliceValidity());
        assertEquals(Duration.ofSeconds(30), config.getConfigMapping(LeaseConfig.class).ttl());
        RedisConfig redis = config.getConfigMapping(RedisConfig.class);
        assertEquals("envoyx:", redis.keyPrefix());
        assertEquals(Duration.ofMillis(200), redis.deadline());
        assertEquals(Duration.ofSeconds(1), redis.probeInterval());
        assertEquals(3, redis.failuresBeforeSkip());
        DegradedConfig degraded = config.getConfigMapping(DegradedConfig.class);
        assertEquals(FailureMode.OPEN, degraded.generalRequests());
        assertEquals(FailureMode.CLOSED, degraded.invoiceUploads());
        assertEquals(FailureMode.OPEN, degraded.websocketConnections());
        assertEquals(Duration.ofSeconds(1), degraded.retryAfter());
        assertEquals(100_000, degraded.maxKeys());
        TokenConfig token = config.getConfigMapping(TokenConfig.class);
        assertEquals(Duration.ofSeconds(60), token.cacheTtl());
        assertEquals(50_000, token.cacheSize());
        assertEquals("envoyx", config.getConfigMapping(EnvoyRlsConfig.class).domain());
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, EnvConfigSource.ORDINAL))
                // Quarkus's reading of "60s"; plain SmallRye knows only ISO-8601 durations.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(LimitsConfig.class)
                .withMapping(LeaseConfig.class)
                .withMapping(RedisConfig.class)
                .withMapping(DegradedConfig.class)
                .withMapping(TokenConfig.class)
                .withMapping(EnvoyRlsConfig.class)
                .build();
    }
}
