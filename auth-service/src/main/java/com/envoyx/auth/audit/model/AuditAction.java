package com.envoyx.auth.audit.model;

import java.util.Locale;

/** What happened to a key; the wire name is {@code api_key.<action>}. */
public enum AuditAction {
    CREATED, REVOKED, ROTATED, DELETED, LIMITS_CHANGED, EXPIRED, ROTATION_ENDED;

    public String wireName() {
        return "api_key." + name().toLowerCase(Locale.ROOT);
    }
}
