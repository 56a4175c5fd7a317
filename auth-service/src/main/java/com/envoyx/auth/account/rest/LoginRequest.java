package com.envoyx.auth.account.rest;

import com.envoyx.auth.error.Violations;

/** Body of {@code POST /api/v1/auth/login}. */
public record LoginRequest(String email, String password) {

    void validate() {
        Violations violations = new Violations();
        if (email == null || email.isBlank()) {
            violations.add("email", "is required");
        }
        if (password == null || password.isEmpty()) {
            violations.add("password", "is required");
        } else if (password.length() > RegisterRequest.MAX_PASSWORD) {
            // No valid password is longer; refusing here keeps Argon2 from hashing megabytes.
            violations.add("password", "must be at most " + RegisterRequest.MAX_PASSWORD + " characters");
        }
        violations.throwIfAny();
    }
}
