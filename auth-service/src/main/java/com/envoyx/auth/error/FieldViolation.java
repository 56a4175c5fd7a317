package com.envoyx.auth.error;

/** One reason why one field of a request was refused. */
public record FieldViolation(String field, String message) {
}
