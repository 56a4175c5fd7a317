package com.envoyx.auth.error;

import com.envoyx.contracts.error.ErrorCode;

/**
 * A refusal the client is meant to read: it becomes an envelope with the code's status. The
 * message is written for the client, so it never carries a secret.
 */
public class ApiException extends RuntimeException {

    private final transient ErrorCode code;
    private final transient Object data;

    public ApiException(ErrorCode code) {
        this(code, code.message(), null);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public ErrorCode code() {
        return code;
    }

    public Object data() {
        return data;
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND);
    }

    public static ApiException unauthorized() {
        return new ApiException(ErrorCode.UNAUTHORIZED);
    }
}
