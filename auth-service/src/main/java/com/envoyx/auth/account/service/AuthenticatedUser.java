package com.envoyx.auth.account.service;

import java.util.UUID;

/** Who is calling the dashboard API, and through which session. */
public record AuthenticatedUser(UUID userId, UUID accountId, String email, byte[] sessionTokenHash) {
}
