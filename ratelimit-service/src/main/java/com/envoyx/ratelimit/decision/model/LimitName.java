package com.envoyx.ratelimit.decision.model;

import java.util.Locale;

/** The limits this service enforces per key. */
public enum LimitName {
    GENERAL_REQUESTS("general", true),
    INVOICE_UPLOADS("uploads", true),
    WEBSOCKET_CONNECTIONS("ws", false);

    private final String keySuffix;
    private final boolean rolling;

    LimitName(String keySuffix, boolean rolling) {
        this.keySuffix = keySuffix;
        this.rolling = rolling;
    }

    /** Last segment of the limit's Redis key: {@code rl:{<key_id>}:<suffix>}. */
    public String keySuffix() {
        return keySuffix;
    }

    /** Rolling-window limits are charged by checks; the others are held by leases. */
    public boolean rolling() {
        return rolling;
    }

    /** Lower-case name used in JSON and metric tags, e.g. {@code general_requests}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON name in either case; null when unknown. */
    public static LimitName fromJson(String name) {
        if (name == null) {
            return null;
        }
        for (LimitName limit : values()) {
            if (limit.name().equalsIgnoreCase(name.trim())) {
                return limit;
            }
        }
        return null;
    }
}
