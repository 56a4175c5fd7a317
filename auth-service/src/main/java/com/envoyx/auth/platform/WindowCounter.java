package com.envoyx.auth.platform;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.throttle.FixedWindowScripts;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed-window counters in Redis, the one way this service counts attempts (logins, sign-ups,
 * mails to one address). Each count is one atomic script on one key, so parallel requests cannot
 * overshoot a limit and the script runs unchanged on a Redis Cluster; windows run on Redis TIME
 * (EXPIRE), not the JVM clock. The scripts are the contract's {@link FixedWindowScripts}, shared
 * with invoice-service's invalid-key throttle.
 */
@ApplicationScoped
public class WindowCounter {

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    WindowCounter(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Counts one event under {@code suffix} (prefixed here) and answers the seconds until its
     * window ends when the count is now over {@code limit}, else 0.
     */
    public Uni<Long> count(String suffix, Duration window, int limit) {
        return redis.execute("EVAL", FixedWindowScripts.COUNT_ATTEMPT, "1", keys.key(suffix), Long.toString(window.toSeconds()))
                .map(countAndTtl -> overLimit(countAndTtl, limit));
    }

    public Uni<Void> giveBack(String suffix) {
        return redis.execute("EVAL", FixedWindowScripts.GIVE_BACK, "1", keys.key(suffix)).replaceWithVoid();
    }

    public Uni<Void> clear(String suffix) {
        return redis.execute("DEL", keys.key(suffix)).replaceWithVoid();
    }

    private static long overLimit(Response countAndTtl, int limit) {
        long count = countAndTtl.get(0).toLong();
        return count > limit ? Math.max(1, countAndTtl.get(1).toLong()) : 0;
    }
}
