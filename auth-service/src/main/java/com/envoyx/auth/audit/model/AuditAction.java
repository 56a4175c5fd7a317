package com.envoyx.auth.audit.model;

import java.util.Locale;

/**
 * What happened: to a key ({@code api_key.<action>}) or to a user's credentials and sessions
 * ({@code user.<action>}).
 */
public enum AuditAction {
    CREATED, REVOKED, ROTATED, DELETED, LIMITS_CHANGED, EXPIRED, ROTATION_ENDED,
    EMAIL_VERIFIED("user"), PASSWORD_RESET("user"), PASSWORD_CHANGED("user"), SESSIONS_ENDED("user");

    private final String subject;

    AuditAction() {
        this("api_key");
    }

    AuditAction(String subject) {
        this.subject = subject;
    }

    public String wireName() {
        return subject + "." + name().toLowerCase(Locale.ROOT);
    }
}
