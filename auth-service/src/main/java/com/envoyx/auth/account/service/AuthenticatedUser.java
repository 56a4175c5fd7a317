package com.envoyx.auth.account.service;

import java.util.UUID;

/**
 * Who is calling the dashboard API, and through which session. {@code emailVerified} is true once
 * the address is verified, or always when verification is off.
 */
public record AuthenticatedUser(UUID userId, UUID accountId, String email, byte[] sessionTokenHash,
        boolean emailVerified) {
}
