package com.envoyx.invoice.idempotency.model;

import java.util.UUID;

/**
 * The outcome of presenting an Idempotency-Key: either this request now owns the key
 * ({@link #recordId} set, no stored response) or an earlier identical request already finished
 * and its response is to be replayed.
 */
public record IdempotencyClaim(UUID recordId, StoredResponse replay) {

    public static IdempotencyClaim owned(UUID recordId) {
        return new IdempotencyClaim(recordId, null);
    }

    public static IdempotencyClaim replayOf(StoredResponse response) {
        return new IdempotencyClaim(null, response);
    }

    public boolean isReplay() {
        return replay != null;
    }
}
