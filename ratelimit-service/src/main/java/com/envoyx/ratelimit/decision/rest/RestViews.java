package com.envoyx.ratelimit.decision.rest;

import java.util.List;

import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;

/** Request and response bodies of the REST mirror (snake_case on the wire, limits by lower-case name). */
final class RestViews {

    private RestViews() {
    }

    record CheckBody(List<String> limits, Integer cost, String requestId) {
    }

    record LeaseBody(String limit, String leaseId) {
    }

    /** {@code charged_at_us}: the check's, needed to refund a limit kept in buckets. */
    record RefundBody(String requestId, Long chargedAtUs) {
    }

    record DecisionView(String limit, boolean allowed, long limitValue, long windowSeconds, long remaining, long resetAt,
            long retryAfterSeconds) {

        static DecisionView of(LimitDecision decision) {
            return new DecisionView(decision.limit().jsonName(), decision.allowed(), decision.limitValue(),
                    decision.windowSeconds(), decision.remaining(), decision.resetAt(), decision.retryAfterSeconds());
        }
    }

    /** {@code retry_after} repeats the deciding limit's wait, as in the public 429 body. */
    record CheckView(boolean allowed, long retryAfter, boolean degraded, String requestId, long chargedAtUs,
            DecisionView deciding, List<DecisionView> decisions) {

        static CheckView of(CheckResult result) {
            return new CheckView(result.allowed(), result.deciding().retryAfterSeconds(), result.degraded(),
                    result.requestId(), result.chargedAtUs(), DecisionView.of(result.deciding()),
                    result.decisions().stream().map(DecisionView::of).toList());
        }
    }

    record LeaseView(boolean granted, String leaseId, String limit, long limitValue, long active, long ttlSeconds,
            long retryAfter, boolean degraded) {

        static LeaseView of(LeaseResult result) {
            return new LeaseView(result.granted(), result.leaseId(), LimitName.WEBSOCKET_CONNECTIONS.jsonName(),
                    result.limitValue(), result.active(), result.ttlSeconds(), result.retryAfterSeconds(),
                    result.degraded());
        }
    }

    record RefundView(String requestId, boolean refunded) {
    }
}
