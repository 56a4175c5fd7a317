package com.envoyx.auth.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.envoyx.contracts.error.ErrorCode;

/**
 * Collects every problem of a request before refusing it, so the client learns all of them in
 * one 400 VALIDATION_ERROR whose {@code data.errors} names each field and why.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws the collected violations, if there are any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw asException(found);
        }
    }

    /** The body, or a VALIDATION_ERROR when the request had none. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw single("body", "a JSON object is required");
        }
        return body;
    }

    public static ApiException single(String field, String message) {
        return asException(List.of(new FieldViolation(field, message)));
    }

    static ApiException asException(List<FieldViolation> violations) {
        String fields = String.join(", ", violations.stream().map(FieldViolation::field).distinct().toList());
        return new ApiException(ErrorCode.VALIDATION_ERROR, "The request is invalid: " + fields + ".",
                Map.of("errors", List.copyOf(violations)));
    }
}
