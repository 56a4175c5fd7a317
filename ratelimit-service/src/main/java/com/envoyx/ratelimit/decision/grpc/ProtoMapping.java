package com.envoyx.ratelimit.decision.grpc;

import java.util.ArrayList;
import java.util.List;

import com.envoyx.contracts.ratelimit.v1.CheckError;
import com.envoyx.contracts.ratelimit.v1.CheckOutcome;
import com.envoyx.contracts.ratelimit.v1.CheckResponse;
import com.envoyx.contracts.ratelimit.v1.Decision;
import com.envoyx.contracts.ratelimit.v1.LeaseResponse;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.ReleaseLeaseResponse;
import com.envoyx.contracts.ratelimit.v1.ReserveOutcome;
import com.envoyx.contracts.ratelimit.v1.ReserveResponse;
import com.envoyx.contracts.ratelimit.v1.UsageBucket;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;
import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.ReleaseResult;
import com.envoyx.ratelimit.decision.model.SliceGrant;
import com.envoyx.ratelimit.decision.model.SliceRelease;
import com.envoyx.ratelimit.decision.model.UsageReport;
import com.envoyx.ratelimit.error.ErrorMapping;

import io.grpc.Metadata;
import io.grpc.Status;

/** Between the contracts' messages and the domain; an unknown limit maps to null (refused as invalid). */
final class ProtoMapping {

    private ProtoMapping() {
    }

    static LimitName limit(Limit limit) {
        return switch (limit) {
            case GENERAL_REQUESTS -> LimitName.GENERAL_REQUESTS;
            case INVOICE_UPLOADS -> LimitName.INVOICE_UPLOADS;
            case WEBSOCKET_CONNECTIONS -> LimitName.WEBSOCKET_CONNECTIONS;
            case LIMIT_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static List<LimitName> limits(List<Limit> limits) {
        List<LimitName> names = new ArrayList<>(limits.size());
        limits.forEach(limit -> names.add(limit(limit)));
        return names;
    }

    static CheckResponse checkResponse(CheckResult result) {
        CheckResponse.Builder response = CheckResponse.newBuilder()
                .setAllowed(result.allowed())
                .setDeciding(decision(result.deciding()))
                .setDegraded(result.degraded())
                .setRequestId(result.requestId())
                .setChargedAtUs(result.chargedAtUs());
        result.decisions().forEach(decision -> response.addDecisions(decision(decision)));
        return response.build();
    }

    static ReserveResponse reserveResponse(SliceGrant grant) {
        return ReserveResponse.newBuilder()
                .setGranted(grant.granted())
                .setValidForMs(grant.validForMs())
                .setSliceId(grant.sliceId())
                .setDecision(decision(grant.decision()))
                .setDegraded(grant.degraded())
                .build();
    }

    /** A check of a batch: its answer, or the status a unary Check would have failed with (already mapped). */
    static CheckOutcome outcome(CheckResponse response, Throwable failure) {
        return failure == null ? CheckOutcome.newBuilder().setResponse(response).build()
                : CheckOutcome.newBuilder().setError(error(failure)).build();
    }

    /** A reserve of a batch: its answer, or the status a unary Reserve would have failed with (already mapped). */
    static ReserveOutcome outcome(ReserveResponse response, Throwable failure) {
        return failure == null ? ReserveOutcome.newBuilder().setResponse(response).build()
                : ReserveOutcome.newBuilder().setError(error(failure)).build();
    }

    static List<SliceRelease> releases(List<com.envoyx.contracts.ratelimit.v1.SliceRelease> releases) {
        List<SliceRelease> all = new ArrayList<>(releases.size());
        releases.forEach(release -> all.add(new SliceRelease(release.getSliceId(), release.getUnused(), release.getUsed())));
        return all;
    }

    private static CheckError error(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        Metadata trailers = Status.trailersFromThrowable(failure);
        String retryAfter = trailers == null ? null : trailers.get(ErrorMapping.RETRY_AFTER);
        return CheckError.newBuilder()
                .setCode(status.getCode().value())
                .setMessage(status.getDescription() == null ? "" : status.getDescription())
                .setRetryAfterSeconds(retryAfter == null ? 0 : Long.parseLong(retryAfter))
                .build();
    }

    static LeaseResponse leaseResponse(LeaseResult result) {
        return LeaseResponse.newBuilder()
                .setGranted(result.granted())
                .setLeaseId(result.leaseId())
                .setLimitValue(result.limitValue())
                .setActive(result.active())
                .setTtlSeconds(result.ttlSeconds())
                .setRetryAfterSeconds(result.retryAfterSeconds())
                .setDegraded(result.degraded())
                .build();
    }

    static ReleaseLeaseResponse releaseResponse(ReleaseResult result) {
        return ReleaseLeaseResponse.newBuilder().setReleased(result.released()).setDegraded(result.degraded()).build();
    }

    static UsageResponse usageResponse(UsageReport report) {
        UsageResponse.Builder response = UsageResponse.newBuilder().setLastUsedAt(report.lastUsedAt());
        report.hourly().forEach(bucket -> response.addHourly(bucket(bucket)));
        report.daily().forEach(bucket -> response.addDaily(bucket(bucket)));
        return response.build();
    }

    private static UsageBucket bucket(com.envoyx.ratelimit.decision.model.UsageBucket bucket) {
        return UsageBucket.newBuilder().setStart(bucket.start()).setRequests(bucket.requests()).build();
    }

    private static Decision decision(LimitDecision decision) {
        // protoc names these setLimit1/setLimitValue3: `limit` (an enum) and `limit_value` would clash.
        return Decision.newBuilder()
                .setLimit1(Limit.valueOf(decision.limit().name()))
                .setAllowed(decision.allowed())
                .setLimitValue3(decision.limitValue())
                .setWindowSeconds(decision.windowSeconds())
                .setRemaining(decision.remaining())
                .setResetAt(decision.resetAt())
                .setRetryAfterSeconds(decision.retryAfterSeconds())
                .build();
    }
}
