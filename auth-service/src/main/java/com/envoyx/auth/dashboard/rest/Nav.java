package com.envoyx.auth.dashboard.rest;

/** The top bar of a signed-in page: who is signed in, which page is open, and the CSRF token for the script. */
public record Nav(String email, String csrfToken, String current) {

    static Nav of(DashboardSession.Visitor visitor, String current) {
        return new Nav(visitor.user().email(), visitor.csrfToken(), current);
    }

    public boolean isKeys() {
        return "keys".equals(current);
    }

    public boolean isAudit() {
        return "audit".equals(current);
    }
}
