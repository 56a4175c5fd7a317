package com.envoyx.contracts.error;

/**
 * The catalogue of envelope codes every service answers with. A code and its HTTP status never
 * change once published; the message is the default text a service may refine per case, except
 * for the three seed errors whose messages are part of the public contract.
 */
public enum ErrorCode {
    MISSING_API_KEY(401, "API key is required. Include it in the X-API-Key header."),
    INVALID_API_KEY(403, "The provided API key is invalid or has been revoked."),
    RATE_LIMIT_EXCEEDED(429, "Too many requests. Please try again later."),
    INSUFFICIENT_SCOPE(403, "The API key does not have the scope this operation requires."),
    UNAUTHORIZED(401, "Authentication is required."),
    INVALID_CREDENTIALS(401, "Invalid email or password."),
    INVALID_WS_TICKET(403, "The WebSocket ticket is invalid, expired or was already used. Request a new one with POST /api/v1/ws/ticket."),
    FORBIDDEN(403, "You are not allowed to perform this operation."),
    EMAIL_NOT_VERIFIED(403, "Verify your email address first: open the link we sent you, or resend it from the dashboard."),
    VALIDATION_ERROR(400, "The request is invalid."),
    MALFORMED_REQUEST(400, "The request body could not be read."),
    NOT_FOUND(404, "The requested resource was not found."),
    METHOD_NOT_ALLOWED(405, "The method is not allowed for this resource."),
    CONFLICT(409, "The request conflicts with the current state of the resource."),
    INVALID_STATUS_TRANSITION(409, "The requested status change is not allowed."),
    API_KEY_LIMIT_REACHED(409, "This account has reached its maximum number of active API keys. Revoke a key you no longer use, then create the new one."),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still being processed."),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was already used with a different request."),
    FILE_TOO_LARGE(413, "The file exceeds the maximum size of 10 MB."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    UNSUPPORTED_FILE_TYPE(415, "Only PDF files are accepted."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request content type is not supported."),
    INTERNAL_ERROR(500, "An unexpected error occurred."),
    SERVICE_UNAVAILABLE(503, "The service is temporarily unavailable. Please try again later.");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** HTTP status this code is always answered with. */
    public int status() {
        return status;
    }

    /** Default human-readable message. */
    public String message() {
        return message;
    }
}
