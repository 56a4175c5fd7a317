package com.envoyx.ratelimit.decision.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.ratelimit.decision.model.CheckResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.UsageRetention;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.envoyx.ratelimit.error.RateLimitException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Exact rolling windows in Redis: one sorted set per key and limit holding every accepted charge
 * of the last window, checked and charged for all requested limits by one script (all or none).
 */
@ApplicationScoped
public class SlidingWindowLimiter {

    private static final List<LimitName> ROLLING = List.of(LimitName.GENERAL_REQUESTS, LimitName.INVOICE_UPLOADS);

    private final RedisScripts scripts;
    private final RedisKeys keys;

    SlidingWindowLimiter(RedisScripts scripts, RedisKeys keys) {
        this.scripts = scripts;
        this.keys = keys;
    }

    public Uni<CheckResult> check(String keyId, List<WindowLimit> limits, int cost, String requestId) {
        List<String> redisKeys = new ArrayList<>(limits.size() + 1);
        List<String> args = new ArrayList<>(6 + 2 * limits.size());
        limits.forEach(limit -> redisKeys.add(keys.limit(keyId, limit.name())));
        redisKeys.add(keys.usage(keyId));
        args.add(Integer.toString(limits.size()));
        args.add(Integer.toString(cost));
        args.add(requestId);
        args.add(Integer.toString(UsageRetention.HOURS_KEPT));
        args.add(Integer.toString(UsageRetention.DAYS_KEPT));
        args.add(Long.toString(UsageRetention.IDLE_TTL.toSeconds()));
        for (WindowLimit limit : limits) {
            args.add(Long.toString(limit.max()));
            args.add(Long.toString(limit.window().toNanos() / 1000));
        }
        return scripts.run(LuaScript.CHECK, redisKeys, args).map(response -> toResult(response, limits, requestId));
    }

    /** Returns the charge of {@code requestId}; false when there is none (never charged, refunded or aged out). */
    public Uni<Boolean> refund(String keyId, String requestId) {
        List<String> redisKeys = ROLLING.stream().map(limit -> keys.limit(keyId, limit)).toList();
        return scripts.run(LuaScript.REFUND, redisKeys, List.of(requestId)).map(response -> response.toLong() == 1);
    }

    private static CheckResult toResult(Response response, List<WindowLimit> limits, String requestId) {
        if (response.get(0).toLong() == -1) {
            throw new RateLimitException(ErrorCode.CONFLICT,
                    "Request id " + requestId + " was already charged; use a new id for a new request.");
        }
        List<LimitDecision> decisions = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            WindowLimit limit = limits.get(i);
            int at = 1 + 4 * i;
            decisions.add(new LimitDecision(limit.name(), response.get(at).toLong() == 1, limit.max(),
                    limit.windowSeconds(), response.get(at + 1).toLong(), response.get(at + 2).toLong(),
                    response.get(at + 3).toLong()));
        }
        return CheckResult.of(decisions, false, requestId);
    }
}
