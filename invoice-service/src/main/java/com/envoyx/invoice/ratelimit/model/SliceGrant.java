package com.envoyx.invoice.ratelimit.model;

/**
 * ratelimit-service's answer to a Reserve: {@code granted} units of the general limit this replica
 * may spend without asking, until {@code deadlineNanos} ({@link System#nanoTime()}: counted from
 * when the Reserve was sent, so never later than the service's own end of the slice).
 * {@code window} is the limit after the grant (what the window has left beside the slice, reset,
 * and retry_after when nothing was granted). {@code degraded}: Redis could not be asked, no slice.
 */
public record SliceGrant(String sliceId, long granted, long deadlineNanos, long validForNanos, Budget window,
                         boolean degraded) {
}
