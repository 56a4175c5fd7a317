package com.envoyx.auth.account.rest;

import java.util.regex.Pattern;

import com.envoyx.auth.error.Violations;

/** Body of {@code POST /api/v1/auth/register}. */
public record RegisterRequest(String email, String password, String name) {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 128;
    static final int MAX_EMAIL = 320;
    private static final int MAX_NAME = 200;
    /** Deliberately simple: one @, no spaces, a dot in the domain. Delivery proves the rest. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]+$");

    void validate() {
        Violations violations = new Violations();
        if (email == null || email.isBlank()) {
            violations.add("email", "is required");
        } else if (email.trim().length() > MAX_EMAIL || !EMAIL.matcher(email.trim()).matches()) {
            violations.add("email", "must be a valid email address");
        }
        checkNewPassword(violations, "password", password);
        if (name == null || name.isBlank()) {
            violations.add("name", "is required");
        } else if (name.trim().length() > MAX_NAME) {
            violations.add("name", "must be at most " + MAX_NAME + " characters");
        }
        violations.throwIfAny();
    }

    /** The rule for every password that is set: at registration, reset and change. */
    static void checkNewPassword(Violations violations, String field, String password) {
        if (password == null || password.isEmpty()) {
            violations.add(field, "is required");
        } else if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            violations.add(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
