package com.envoyx.invoice.keychain.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.throttle.FixedWindowScripts;
import com.envoyx.invoice.keychain.config.KeyThrottleConfig;
import com.envoyx.invoice.keychain.model.KeyAttempt;
import com.envoyx.invoice.platform.RedisConfig;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts, per client address and in Redis (so every replica shares one budget), the requests whose
 * key was not already cached as valid: the ones that may cost auth-service a database lookup.
 * The attempt is counted atomically before the lookup, so a burst of parallel requests cannot slip
 * past the limit; a key that turns out valid gives its attempt back. Over the limit, the caller
 * answers 429 without asking auth-service. The counter is the contract's {@link FixedWindowScripts}
 * (windows on Redis TIME, not the JVM clock).
 * When Redis does not answer within the deadline the attempt is let through uncounted: this
 * protects auth-service, it must not take the API down with Redis.
 */
@ApplicationScoped
public class InvalidKeyThrottle {

    private static final Logger LOG = Logger.getLogger(InvalidKeyThrottle.class);
    private static final String KEY_SPACE = "keythrottle:";

    private final ReactiveRedisDataSource redis;
    private final KeyThrottleConfig config;
    private final String keyPrefix;

    InvalidKeyThrottle(ReactiveRedisDataSource redis, KeyThrottleConfig config,
                       RedisConfig redisConfig) {
        this.redis = redis;
        this.config = config;
        this.keyPrefix = redisConfig.keyPrefix();
    }

    /** Counts one attempt from the address and says whether it may go on to auth-service. */
    public Uni<KeyAttempt> countAttempt(String clientAddress) {
        String bucket = ClientAddresses.bucketOf(clientAddress, config.ipv6PrefixLength());
        return redis.execute("EVAL", FixedWindowScripts.COUNT_ATTEMPT, "1", redisKey(bucket),
                        Long.toString(config.window().toSeconds()))
                .ifNoItem().after(config.deadline()).fail()
                .map(countAndTtl -> decide(bucket, countAndTtl))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Invalid-key throttle skipped, Redis did not answer: %s", e.toString());
                    return KeyAttempt.uncounted();
                });
    }

    /** Returns a counted attempt whose key was valid (or could not be checked): it was no invalid key. */
    public Uni<Void> giveBack(KeyAttempt attempt) {
        if (!attempt.counted()) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("EVAL", FixedWindowScripts.GIVE_BACK, "1", redisKey(attempt.bucket()))
                .ifNoItem().after(config.deadline()).fail()
                .onFailure().invoke(e -> LOG.debugf("Invalid-key attempt not given back: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private KeyAttempt decide(String bucket, Response countAndTtl) {
        long count = countAndTtl.get(0).toLong();
        if (count <= config.maxAttempts()) {
            return new KeyAttempt(true, true, bucket, 0);
        }
        return new KeyAttempt(false, true, bucket, Math.max(1, countAndTtl.get(1).toLong()));
    }

    /** The address is the hash tag: one key per script, and addresses spread over a Redis Cluster. */
    private String redisKey(String bucket) {
        return keyPrefix + KEY_SPACE + "{" + bucket + "}";
    }
}
