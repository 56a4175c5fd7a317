package com.envoyx.auth.dashboard.rest;

/**
 * The top bar of a signed-in page: who is signed in, whether their address is verified (else the
 * banner with "resend"), which page is open, and the CSRF token for the script.
 */
public record Nav(String email, boolean emailVerified, String csrfToken, String current) {

    static Nav of(DashboardSession.Visitor visitor, String current) {
        return new Nav(visitor.user().email(), visitor.user().emailVerified(), visitor.csrfToken(), current);
    }

    public boolean isKeys() {
        return "keys".equals(current);
    }

    public boolean isInvoices() {
        return "invoices".equals(current);
    }

    public boolean isWebhooks() {
        return "webhooks".equals(current);
    }

    public boolean isAudit() {
        return "audit".equals(current);
    }

    public boolean isAccount() {
        return "account".equals(current);
    }
}
