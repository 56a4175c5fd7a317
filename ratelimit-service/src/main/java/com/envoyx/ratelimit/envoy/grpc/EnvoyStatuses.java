package com.envoyx.ratelimit.envoy.grpc;

import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.google.protobuf.Duration;

import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.RateLimit;

/** One limit's decision as an Envoy descriptor status. */
final class EnvoyStatuses {

    private EnvoyStatuses() {
    }

    static DescriptorStatus of(LimitDecision decision, long nowSeconds) {
        return DescriptorStatus.newBuilder()
                .setCode(decision.allowed() ? Code.OK : Code.OVER_LIMIT)
                .setCurrentLimit(limit(decision))
                .setLimitRemaining((int) Math.min(Integer.MAX_VALUE, decision.remaining()))
                .setDurationUntilReset(Duration.newBuilder().setSeconds(Math.max(0, decision.resetAt() - nowSeconds)))
                .build();
    }

    /** Envoy knows only whole units; a window of another length is reported by name with unit UNKNOWN. */
    private static RateLimit limit(LimitDecision decision) {
        RateLimit.Unit unit = switch ((int) decision.windowSeconds()) {
            case 1 -> RateLimit.Unit.SECOND;
            case 60 -> RateLimit.Unit.MINUTE;
            case 3600 -> RateLimit.Unit.HOUR;
            case 86400 -> RateLimit.Unit.DAY;
            default -> RateLimit.Unit.UNKNOWN;
        };
        return RateLimit.newBuilder()
                .setName(decision.limit().jsonName() + ": " + decision.limitValue() + " per " + decision.windowSeconds() + " s")
                .setRequestsPerUnit((int) Math.min(Integer.MAX_VALUE, decision.limitValue()))
                .setUnit(unit)
                .build();
    }
}
