package com.envoyx.ratelimit.decision.model;

/**
 * A slice of a bucketed rolling limit, spent by the caller on its own.
 *
 * @param granted    units the caller may spend; 0 when the window has none left
 * @param validForMs how long they may be spent, from when the caller sent its request
 * @param decision   the limit after the grant (remaining beside the slice; retry_after when nothing was granted)
 * @param degraded   Redis could not be asked: nothing granted, the caller decides per request (Check)
 */
public record SliceGrant(long granted, long validForMs, String sliceId, LimitDecision decision, boolean degraded) {
}
