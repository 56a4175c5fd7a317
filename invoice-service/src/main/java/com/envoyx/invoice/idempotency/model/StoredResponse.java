package com.envoyx.invoice.idempotency.model;

/** An HTTP status and the exact JSON body sent, kept so that a replay is byte-for-byte the original. */
public record StoredResponse(int status, String body) {
}
