package com.envoyx.ratelimit.decision.model;

/**
 * The end of a slice as its holder reports it: units it did not spend return to the window, units
 * it spent count as usage.
 */
public record SliceRelease(String sliceId, long unused, long used) {
}
