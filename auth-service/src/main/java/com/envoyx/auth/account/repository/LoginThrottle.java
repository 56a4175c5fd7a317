package com.envoyx.auth.account.repository;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.LoginConfig;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.platform.RedisKeys;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.contracts.error.ErrorCode;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed-window counters of login attempts in Redis, one per email and one per client address.
 * Every attempt is counted atomically before the password is checked, so a burst of parallel
 * guesses cannot slip past the limit; a successful login clears its email's counter and gives
 * its address's attempt back. Counter windows run on Redis TIME (EXPIRE), not the JVM clock.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String COUNT_ATTEMPT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('TTL', KEYS[1])
            if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {count, ttl}
            """;
    /** Gives an attempt back only to a live counter, so an expired window is never recreated without a TTL. */
    private static final String GIVE_BACK = """
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            if count > 0 then return redis.call('DECR', KEYS[1]) end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final LoginConfig config;

    LoginThrottle(ReactiveRedisDataSource redis, RedisKeys keys, LoginConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    /** Counts one attempt; fails with 429 RATE_LIMIT_EXCEEDED when either counter is over its limit. */
    public Uni<Void> countAttempt(String email, String address) {
        String window = Long.toString(config.window().toSeconds());
        Uni<Response> byEmail = redis.execute("EVAL", COUNT_ATTEMPT, "1", emailKey(email), window);
        Uni<Response> byAddress = redis.execute("EVAL", COUNT_ATTEMPT, "1", addressKey(address), window);
        return Uni.combine().all().unis(byEmail, byAddress).asTuple().map(counts -> {
            long retryAfter = Math.max(
                    overLimit(counts.getItem1(), config.maxAttemptsPerEmail()),
                    overLimit(counts.getItem2(), config.maxAttemptsPerAddress()));
            if (retryAfter > 0) {
                throw ApiException.retryLater(ErrorCode.RATE_LIMIT_EXCEEDED, retryAfter);
            }
            return null;
        });
    }

    /** After a successful login: the email starts afresh and the address gets its attempt back. */
    public Uni<Void> succeeded(String email, String address) {
        return Uni.combine().all()
                .unis(redis.execute("DEL", emailKey(email)), redis.execute("EVAL", GIVE_BACK, "1", addressKey(address)))
                .discardItems();
    }

    /** Seconds until the window ends if the count is over the limit, else 0. */
    private static long overLimit(Response countAndTtl, int limit) {
        long count = countAndTtl.get(0).toLong();
        return count > limit ? Math.max(1, countAndTtl.get(1).toLong()) : 0;
    }

    private String emailKey(String email) {
        // Hashed so that Redis never holds a list of the emails people tried.
        return keys.key("login:email:" + Sha256.hex(email.trim().toLowerCase(Locale.ROOT)));
    }

    private String addressKey(String address) {
        return keys.key("login:addr:" + address);
    }
}
