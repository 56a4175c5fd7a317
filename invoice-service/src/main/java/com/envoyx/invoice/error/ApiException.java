package com.envoyx.invoice.error;

import java.util.Map;

import com.envoyx.contracts.error.ErrorCode;

/**
 * A failure the client is told about: an envelope code, a message and optional data and headers.
 * Carries no stack trace because it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {

    private final transient ErrorCode code;
    private final transient Object data;
    private final transient Map<String, String> headers;

    public ApiException(ErrorCode code) {
        this(code, code.message(), null, Map.of());
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, Map.of());
    }

    public ApiException(ErrorCode code, String message, Object data, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Object data() {
        return data;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Invoice not found.");
    }

    public static ApiException validation(String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message);
    }
}
