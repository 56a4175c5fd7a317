package com.envoyx.ratelimit.token.model;

import java.util.OptionalInt;

/** A key's own limit sizes from the token's {@code limits} claim; empty means the configured default. */
public record LimitOverrides(OptionalInt requestsPerMinute, OptionalInt uploadsPerHour, OptionalInt websocketConnections) {

    public static final LimitOverrides NONE = new LimitOverrides(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
}
