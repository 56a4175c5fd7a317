package com.envoyx.contracts.apikey;

import java.util.Optional;

/** What a key may do. A key created without scopes gets all of them. */
public enum Scope {
    INVOICES_READ("invoices:read"),
    INVOICES_WRITE("invoices:write"),
    WEBHOOKS_WRITE("webhooks:write");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
