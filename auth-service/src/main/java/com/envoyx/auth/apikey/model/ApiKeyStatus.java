package com.envoyx.auth.apikey.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the dashboard shows for a key; derived from its timestamps and the clock, never stored. */
public enum ApiKeyStatus {
    ACTIVE, REVOKED, EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
