package com.envoyx.auth.account.rest;

import com.envoyx.auth.error.Violations;

/** Body of {@code POST /api/v1/auth/password-reset/confirm}. */
public record PasswordResetConfirmRequest(String token, String password) {

    /** Tokens are 43 base64url characters; anything far longer is not worth a lookup. */
    private static final int MAX_TOKEN = 128;

    void validate() {
        Violations violations = new Violations();
        checkToken(violations, token);
        RegisterRequest.checkNewPassword(violations, "password", password);
        violations.throwIfAny();
    }

    static void checkToken(Violations violations, String token) {
        if (token == null || token.isBlank()) {
            violations.add("token", "is required");
        } else if (token.length() > MAX_TOKEN) {
            violations.add("token", "is invalid or has expired");
        }
    }
}
