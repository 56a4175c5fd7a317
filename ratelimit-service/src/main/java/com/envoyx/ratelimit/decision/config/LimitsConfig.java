package com.envoyx.ratelimit.decision.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Default limits of every key; a key's token may override the sizes, never the windows. The prefix
 * is singular so that every key is read from its documented variable ({@code ENVOYX_LIMIT_*}) as is.
 */
@ConfigMapping(prefix = "envoyx.limit")
public interface LimitsConfig {

    /** General API requests a key may make per rolling general window. */
    @WithDefault("100")
    int requestsPerMinute();

    /** Invoice uploads a key may make per rolling upload window. */
    @WithDefault("100")
    int uploadsPerHour();

    /** WebSocket connections a key may hold at once. */
    @WithDefault("5")
    int websocketConnections();

    /** Length of the rolling window of general requests. */
    @WithDefault("60s")
    Duration generalWindow();

    /** Length of the rolling window of invoice uploads. */
    @WithDefault("3600s")
    Duration uploadWindow();

    /** Largest cost one check may charge; larger costs are refused as invalid. */
    @WithDefault("1000")
    int maxCost();

    /**
     * Largest limit kept in the exact log (one entry per charge, refunds and duplicate ids by
     * request id). Larger limits are kept in sub-window buckets, whose memory does not grow with
     * the limit, and may be sliced (Reserve).
     */
    @WithDefault("1000")
    int exactLogMax();

    /** Buckets per window of a bucketed limit: a bucket's share of the limit is what may be refused early. */
    @WithDefault("60")
    int bucketsPerWindow();

    /** Largest slice of a bucketed limit one Reserve grants, as a share of the limit (at least 1 unit). */
    @WithDefault("0.02")
    double sliceShare();

    /** How long a slice may be spent after its Reserve was sent. */
    @WithDefault("1s")
    Duration sliceValidity();
}
