package com.envoyx.invoice.keychain.model;

import java.util.OptionalInt;

/** A key's own limit overrides from its token; empty means the configured default applies. */
public record KeyLimits(OptionalInt requestsPerMinute, OptionalInt uploadsPerHour, OptionalInt websocketConnections) {

    public static final KeyLimits DEFAULTS = new KeyLimits(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
}
