package com.envoyx.systemtest.support;

/** The error bodies of the documentation (shared/seed/authentication.txt), byte for byte. */
public final class SeedBodies {

    public static final String MISSING_API_KEY = "{\"success\":false,\"status\":401,\"code\":\"MISSING_API_KEY\","
            + "\"message\":\"API key is required. Include it in the X-API-Key header.\"}";
    public static final String INVALID_API_KEY = "{\"success\":false,\"status\":403,\"code\":\"INVALID_API_KEY\","
            + "\"message\":\"The provided API key is invalid or has been revoked.\"}";

    private SeedBodies() {
    }
}
