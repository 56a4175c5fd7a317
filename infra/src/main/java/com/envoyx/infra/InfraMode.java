package com.envoyx.infra;

import java.util.Locale;

/** How to find PostgreSQL and Redis: {@code ENVOYX_INFRA=auto|external|embedded}. */
public enum InfraMode {
    /** Use the server at the configured address when it answers, otherwise start an embedded one. */
    AUTO,
    /** Always use the configured address; fail when nothing answers there. */
    EXTERNAL,
    /** Always start embedded servers on free ports. */
    EMBEDDED;

    public static InfraMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "ENVOYX_INFRA must be auto, external or embedded, not '" + value + "'", e);
        }
    }
}
