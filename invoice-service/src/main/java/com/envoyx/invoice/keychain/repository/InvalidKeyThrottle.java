package com.envoyx.invoice.keychain.repository;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.net.ClientNetwork;
import com.envoyx.contracts.throttle.FixedWindowScripts;
import com.envoyx.invoice.keychain.config.KeyThrottleConfig;
import com.envoyx.invoice.keychain.model.KeyAttempt;
import com.envoyx.invoice.platform.RedisConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts, per client address and in Redis (so every replica shares one budget), the keys that
 * turned out invalid: each one cost auth-service a database lookup. An address whose window holds
 * {@code max-attempts} of them is refused 429 until the window ends, before any lookup; a valid
 * key never spends anything, so customers behind one egress address, or a replica that just
 * started, are never refused for using their own keys. An address seen refused is remembered on
 * this replica until its window ends, so a flood of made-up keys costs no Redis call either.
 * Counters are the contract's {@link FixedWindowScripts} (windows on Redis TIME, not the JVM
 * clock). When Redis does not answer within the deadline the address is let through uncounted:
 * this protects auth-service, it must not take the API down with Redis.
 */
@ApplicationScoped
public class InvalidKeyThrottle {

    private static final Logger LOG = Logger.getLogger(InvalidKeyThrottle.class);
    private static final String KEY_SPACE = "keythrottle:";
    private static final int REMEMBERED_ADDRESSES = 100_000;

    private final ReactiveRedisDataSource redis;
    private final KeyThrottleConfig config;
    private final Clock clock;
    private final String keyPrefix;
    /** Address bucket -> epoch millis until which it is refused. */
    private final Cache<String, Long> refusedUntil;

    InvalidKeyThrottle(ReactiveRedisDataSource redis, KeyThrottleConfig config, RedisConfig redisConfig, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
        this.keyPrefix = redisConfig.keyPrefix();
        // Caffeine's expiry only frees the memory; whether a refusal holds is read from the clock.
        this.refusedUntil = Caffeine.newBuilder()
                .maximumSize(REMEMBERED_ADDRESSES)
                .expireAfter(Expiry.<String, Long>creating((bucket, until) ->
                        Duration.ofMillis(Math.max(0, until - clock.millis()))))
                .build();
    }

    /** The counter an address belongs to: IPv4 per address, IPv6 per network of the configured prefix. */
    public String bucketOf(String clientAddress) {
        return ClientNetwork.bucketOf(clientAddress, config.ipv6PrefixLength());
    }

    /** Whether a key not known to be valid may be looked up for this address bucket; counts nothing. */
    public Uni<KeyAttempt> admission(String bucket) {
        Long until = refusedUntil.getIfPresent(bucket);
        long now = clock.millis();
        if (until != null && until > now) {
            return Uni.createFrom().item(refused(bucket, until - now));
        }
        return redis.execute("EVAL", FixedWindowScripts.PEEK, "1", redisKey(bucket))
                .ifNoItem().after(config.deadline()).fail()
                .map(countAndTtl -> decide(bucket, countAndTtl))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Invalid-key throttle skipped, Redis did not answer: %s", e.toString());
                    return new KeyAttempt(true, bucket, 0);
                });
    }

    /** Counts a key that turned out invalid against its address; best effort, never fails. */
    public Uni<Void> countInvalid(String bucket) {
        return redis.execute("EVAL", FixedWindowScripts.COUNT_ATTEMPT, "1", redisKey(bucket),
                        Long.toString(config.window().toSeconds()))
                .ifNoItem().after(config.deadline()).fail()
                .invoke(countAndTtl -> decide(bucket, countAndTtl))
                .onFailure().invoke(e -> LOG.warnf("Invalid key not counted, Redis did not answer: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private KeyAttempt decide(String bucket, Response countAndTtl) {
        long count = countAndTtl.get(0).toLong();
        long ttl = countAndTtl.get(1).toLong();
        if (count < config.maxAttempts() || ttl <= 0) {
            return new KeyAttempt(true, bucket, 0);
        }
        long leftMillis = ttl * 1000;
        refusedUntil.put(bucket, clock.millis() + leftMillis);
        return refused(bucket, leftMillis);
    }

    private static KeyAttempt refused(String bucket, long leftMillis) {
        return new KeyAttempt(false, bucket, Math.max(1, (leftMillis + 999) / 1000));
    }

    /** The address is the hash tag: one key per script, and addresses spread over a Redis Cluster. */
    private String redisKey(String bucket) {
        return keyPrefix + KEY_SPACE + "{" + bucket + "}";
    }
}
