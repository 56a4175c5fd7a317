package com.envoyx.contracts.envelope;

import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one JSON shape of every response, success or error:
 * {@code {"success", "status", "code", "message", "data"?}}. The field order is fixed so that
 * the seed's error bodies are reproduced byte for byte.
 */
@JsonPropertyOrder({"success", "status", "code", "message", "data"})
public record Envelope(
        boolean success,
        int status,
        String code,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object data) {

    public static Envelope ok(int status, String code, String message, Object data) {
        return new Envelope(true, status, code, message, data);
    }

    public static Envelope error(ErrorCode error) {
        return new Envelope(false, error.status(), error.name(), error.message(), null);
    }

    public static Envelope error(ErrorCode error, String message) {
        return new Envelope(false, error.status(), error.name(), message, null);
    }

    public static Envelope error(ErrorCode error, String message, Object data) {
        return new Envelope(false, error.status(), error.name(), message, data);
    }
}
