package com.envoyx.ratelimit.decision.model;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one check-and-consume.
 *
 * @param deciding    the first limit that refused, or, when all allowed, the one with the least budget left
 * @param degraded    true when Redis could not be asked and the limits' failure modes decided
 * @param chargedAtUs Redis time of the decision (epoch microseconds); a refund of a bucketed charge
 *                    needs it. 0 for a degraded decision (nothing was charged in Redis)
 */
public record CheckResult(boolean allowed, LimitDecision deciding, List<LimitDecision> decisions, boolean degraded,
        String requestId, long chargedAtUs) {

    public static CheckResult of(List<LimitDecision> decisions, boolean degraded, String requestId, long chargedAtUs) {
        boolean allowed = decisions.stream().allMatch(LimitDecision::allowed);
        LimitDecision deciding = decisions.stream()
                .filter(decision -> !decision.allowed())
                .findFirst()
                .orElseGet(() -> decisions.stream().min(Comparator.comparingLong(LimitDecision::remaining)).orElseThrow());
        return new CheckResult(allowed, deciding, List.copyOf(decisions), degraded, requestId, chargedAtUs);
    }
}
