package com.envoyx.ratelimit.redis;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.config.RedisConfig;
import com.envoyx.ratelimit.limit.LimitName;

/**
 * The Redis key layout. Every key of one API key carries the hash tag {@code {<key_id>}}, so all
 * keys a script touches live in one Redis Cluster slot.
 */
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    RedisKeys(RedisConfig config) {
        this.prefix = config.keyPrefix();
    }

    /** Sorted set of one limit: rolling-window charges (score = time) or leases (score = expiry). */
    public String limit(String keyId, LimitName limit) {
        return base(keyId) + limit.keySuffix();
    }

    /** What one request id charged, so Refund can return it; lives as long as the longest window charged. */
    public String charge(String keyId, String requestId) {
        return base(keyId) + "charge:" + requestId;
    }

    /** Hash of usage counters: {@code h:<epochHour>}, {@code d:<epochDay>}, {@code last} (epoch ms). */
    public String usage(String keyId) {
        return base(keyId) + "usage";
    }

    private String base(String keyId) {
        return prefix + "rl:{" + keyId + "}:";
    }
}
