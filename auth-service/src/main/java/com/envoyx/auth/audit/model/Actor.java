package com.envoyx.auth.audit.model;

import java.util.UUID;

/** Who acted: a dashboard user, the operator (admin API) or the service itself (scheduler). */
public record Actor(UUID userId, String label) {

    public static final Actor OPERATOR = new Actor(null, "operator");
    public static final Actor SYSTEM = new Actor(null, "system");

    public static Actor user(UUID userId, String email) {
        return new Actor(userId, email);
    }
}
