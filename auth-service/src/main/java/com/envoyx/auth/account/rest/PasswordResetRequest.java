package com.envoyx.auth.account.rest;

import com.envoyx.auth.error.Violations;

/** Body of {@code POST /api/v1/auth/password-reset}. */
public record PasswordResetRequest(String email) {

    void validate() {
        Violations violations = new Violations();
        if (email == null || email.isBlank()) {
            violations.add("email", "is required");
        } else if (email.trim().length() > RegisterRequest.MAX_EMAIL) {
            violations.add("email", "must be a valid email address");
        }
        violations.throwIfAny();
    }
}
