package com.envoyx.ratelimit.decision.model;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one check-and-consume.
 *
 * @param deciding the first limit that refused, or, when all allowed, the one with the least budget left
 * @param degraded true when Redis could not be asked and the limits' failure modes decided
 */
public record CheckResult(boolean allowed, LimitDecision deciding, List<LimitDecision> decisions, boolean degraded,
        String requestId) {

    public static CheckResult of(List<LimitDecision> decisions, boolean degraded, String requestId) {
        boolean allowed = decisions.stream().allMatch(LimitDecision::allowed);
        LimitDecision deciding = decisions.stream()
                .filter(decision -> !decision.allowed())
                .findFirst()
                .orElseGet(() -> decisions.stream().min(Comparator.comparingLong(LimitDecision::remaining)).orElseThrow());
        return new CheckResult(allowed, deciding, List.copyOf(decisions), degraded, requestId);
    }
}
