package com.envoyx.ratelimit.decision.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.SliceGrant;
import com.envoyx.ratelimit.decision.model.UsageRetention;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.envoyx.ratelimit.error.RateLimitException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Rolling windows in Redis, each in one of two structures chosen by the limit's size (see
 * window.lua): the exact log (a sorted set of charges) for limits up to exact-log-max, sub-window
 * buckets (a hash of counts) above it. Checks of all requested limits are all or none, coalesced
 * per event-loop task by {@link CheckBatcher}; slices (Reserve) apply to bucketed limits.
 */
@ApplicationScoped
public class SlidingWindowLimiter {

    private final RedisScripts scripts;
    private final RedisKeys keys;
    private final CheckBatcher batcher;

    SlidingWindowLimiter(RedisScripts scripts, RedisKeys keys, CheckBatcher batcher) {
        this.scripts = scripts;
        this.keys = keys;
        this.batcher = batcher;
    }

    public Uni<CheckResult> check(String keyId, List<WindowLimit> limits, int cost, String requestId) {
        List<String> redisKeys = new ArrayList<>(2 * limits.size() + 1);
        List<String> args = new ArrayList<>(3 + 4 * limits.size());
        for (WindowLimit limit : limits) {
            redisKeys.add(keys.limit(keyId, limit.name()));
            redisKeys.add(keys.buckets(keyId, limit.name()));
        }
        redisKeys.add(keys.usage(keyId));
        args.add(Integer.toString(limits.size()));
        args.add(Integer.toString(cost));
        args.add(requestId);
        for (WindowLimit limit : limits) {
            args.add(Long.toString(limit.max()));
            args.add(Long.toString(limit.windowMicros()));
            args.add(Long.toString(limit.bucketWidthMicros()));
            args.add(limit.bucketed() ? "1" : "0");
        }
        return batcher.submit(keyId, redisKeys, args).map(response -> toResult(response, limits, requestId));
    }

    /**
     * Returns the charge of {@code requestId}; false when there is none (never charged, refunded or
     * aged out). Exact logs find it by id; bucketed limits need {@code chargedAtUs} and return it to
     * general requests only (the one limit every check charges: a bucket cannot tell whether a
     * charge also was an upload, so a bucketed upload limit keeps it until it ages out).
     */
    public Uni<Boolean> refund(String keyId, String requestId, long chargedAtUs, List<WindowLimit> limits) {
        List<String> redisKeys = new ArrayList<>(2 * limits.size() + 1);
        List<String> args = new ArrayList<>(3 + 3 * limits.size());
        args.add(requestId);
        args.add(Long.toString(Math.max(0, chargedAtUs)));
        args.add(Integer.toString(limits.size()));
        for (WindowLimit limit : limits) {
            redisKeys.add(keys.limit(keyId, limit.name()));
            redisKeys.add(keys.buckets(keyId, limit.name()));
            args.add(Long.toString(limit.windowMicros()));
            args.add(Long.toString(limit.bucketWidthMicros()));
            args.add(limit.bucketed() && limit.name() == LimitName.GENERAL_REQUESTS
                    ? "1" : "0");
        }
        redisKeys.add(keys.refunds(keyId));
        return scripts.run(LuaScript.REFUND, redisKeys, args).map(response -> response.toLong() == 1);
    }

    /** Grants up to {@code units} of a bucketed limit, charged to the bucket at the end of {@code validityMicros}. */
    public Uni<SliceGrant> reserve(String keyId, WindowLimit limit, long units, long largest, long validityMicros,
            String sliceId) {
        List<String> redisKeys = List.of(keys.limit(keyId, limit.name()), keys.buckets(keyId, limit.name()),
                keys.slices(keyId, limit.name()));
        List<String> args = List.of(Long.toString(limit.max()), Long.toString(limit.windowMicros()),
                Long.toString(limit.bucketWidthMicros()), Long.toString(units), Long.toString(largest),
                Long.toString(validityMicros), sliceId);
        return scripts.run(LuaScript.RESERVE, redisKeys, args).map(response -> {
            if (response.get(0).toLong() == -1) {
                throw new RateLimitException(ErrorCode.CONFLICT,
                        "Slice id " + sliceId + " is in use; use a new id for a new slice.");
            }
            long granted = response.get(0).toLong();
            LimitDecision decision = new LimitDecision(limit.name(), granted > 0, limit.max(), limit.windowSeconds(),
                    response.get(1).toLong(), response.get(2).toLong(), response.get(3).toLong());
            return new SliceGrant(granted, validityMicros / 1000, sliceId, decision, false);
        });
    }

    /** Ends a slice: unused units back to its bucket, used ones to usage. False when unknown or already released. */
    public Uni<Boolean> release(String keyId, WindowLimit limit, String sliceId, long unused, long used) {
        List<String> redisKeys = List.of(keys.buckets(keyId, limit.name()), keys.slices(keyId, limit.name()),
                keys.usage(keyId));
        List<String> args = List.of(sliceId, Long.toString(unused), Long.toString(used),
                Long.toString(limit.windowMicros()), Long.toString(limit.bucketWidthMicros()),
                Integer.toString(UsageRetention.HOURS_KEPT), Integer.toString(UsageRetention.DAYS_KEPT),
                Long.toString(UsageRetention.IDLE_TTL.toSeconds()));
        return scripts.run(LuaScript.RELEASE, redisKeys, args).map(response -> response.toLong() == 1);
    }

    private static CheckResult toResult(Response response, List<WindowLimit> limits, String requestId) {
        if (response.get(0).toLong() == -1) {
            throw new RateLimitException(ErrorCode.CONFLICT,
                    "Request id " + requestId + " was already charged; use a new id for a new request.");
        }
        long chargedAtUs = response.get(1).toLong();
        List<LimitDecision> decisions = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            WindowLimit limit = limits.get(i);
            int at = 2 + 4 * i;
            decisions.add(new LimitDecision(limit.name(), response.get(at).toLong() == 1, limit.max(),
                    limit.windowSeconds(), response.get(at + 1).toLong(), response.get(at + 2).toLong(),
                    response.get(at + 3).toLong()));
        }
        return CheckResult.of(decisions, false, requestId, chargedAtUs);
    }
}
