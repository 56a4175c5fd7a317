package com.envoyx.auth.error;

import java.util.Map;

import com.envoyx.contracts.error.ErrorCode;

/**
 * The service's one refusal: a failure the client is meant to read. It becomes an envelope with the
 * code's status. The message is written for the client, so it never carries a secret. A refusal
 * that ends by itself carries its wait in {@link #retryAfterSeconds()}, which the envelope writer
 * turns into the {@code Retry-After} header.
 */
public class ApiException extends RuntimeException {

    private final transient ErrorCode code;
    private final transient Object data;
    private final long retryAfterSeconds;

    public ApiException(ErrorCode code) {
        this(code, code.message(), null);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Object data) {
        this(code, message, data, 0);
    }

    private ApiException(ErrorCode code, String message, Object data, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public Object data() {
        return data;
    }

    /** Seconds the client should wait before trying again; 0 when waiting does not help. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND);
    }

    public static ApiException unauthorized() {
        return new ApiException(ErrorCode.UNAUTHORIZED);
    }

    /** A refusal that lifts after the given wait; the body names it too ({@code data.retry_after}). */
    public static ApiException retryLater(ErrorCode code, long retryAfterSeconds) {
        return new ApiException(code, code.message(), Map.of("retry_after", retryAfterSeconds), retryAfterSeconds);
    }
}
