package com.envoyx.invoice.ratelimit.model;

/**
 * A slice this replica stopped spending, not yet reported: its unspent units go back to the window
 * and its spent ones become usage when ratelimit-service hears of it (with the key's next Reserve,
 * or alone).
 */
public record ClosedSlice(String sliceId, long unused, long used) {
}
