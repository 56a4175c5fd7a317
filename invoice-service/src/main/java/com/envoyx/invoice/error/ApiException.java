package com.envoyx.invoice.error;

import java.util.OptionalLong;

import com.envoyx.contracts.error.ErrorCode;

/**
 * The one refusal of this service: a failure the client is told about, with an envelope code, a
 * message, optional data and, when retrying later helps, how long to wait (sent as Retry-After).
 * Carries no stack trace because it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {

    private final transient ErrorCode code;
    private final transient Object data;
    private final long retryAfterSeconds;

    public ApiException(ErrorCode code) {
        this(code, code.message(), null, 0);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, 0);
    }

    /** {@code retryAfterSeconds} 0 sends no Retry-After. */
    public ApiException(ErrorCode code, String message, Object data, long retryAfterSeconds) {
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

    /** Seconds the client should wait before trying again, when that is worth saying. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds > 0 ? OptionalLong.of(retryAfterSeconds) : OptionalLong.empty();
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Invoice not found.");
    }

    public static ApiException validation(String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message);
    }
}
