package com.envoyx.ratelimit.decision.model;

/** Whether a lease was held and is now released; degraded when only this replica's memory was asked. */
public record ReleaseResult(boolean released, boolean degraded) {
}
