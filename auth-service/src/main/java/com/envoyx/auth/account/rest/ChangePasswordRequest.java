package com.envoyx.auth.account.rest;

import com.envoyx.auth.error.Violations;

/** Body of {@code POST /api/v1/auth/password}. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {

    void validate() {
        Violations violations = new Violations();
        if (currentPassword == null || currentPassword.isEmpty()) {
            violations.add("current_password", "is required");
        } else if (currentPassword.length() > RegisterRequest.MAX_PASSWORD) {
            violations.add("current_password", "is not your current password");
        }
        RegisterRequest.checkNewPassword(violations, "new_password", newPassword);
        violations.throwIfAny();
    }
}
