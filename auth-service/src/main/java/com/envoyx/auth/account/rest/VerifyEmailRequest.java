package com.envoyx.auth.account.rest;

import com.envoyx.auth.error.Violations;

/** Body of {@code POST /api/v1/auth/verify-email}. */
public record VerifyEmailRequest(String token) {

    void validate() {
        Violations violations = new Violations();
        PasswordResetConfirmRequest.checkToken(violations, token);
        violations.throwIfAny();
    }
}
