package com.envoyx.ratelimit.decision.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.platform.RedisConfig;

import io.quarkus.runtime.Startup;

/**
 * The Redis key layout. Every key of one API key carries the hash tag {@code {<key_id>}}, so all
 * keys a script touches live in one Redis Cluster slot, and different API keys spread over the
 * cluster's masters. Created at startup so that a prefix that would break this fails the start,
 * not the first request.
 */
@Startup
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    RedisKeys(RedisConfig config) {
        this.prefix = validPrefix(config.keyPrefix());
    }

    /**
     * Redis Cluster hashes only the first {@code {...}} of a key: a brace in the prefix would put
     * every key of every API key into one slot, on one master.
     */
    static String validPrefix(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("envoyx.redis.key-prefix must not contain '{' or '}' (Redis Cluster hash tags): " + prefix);
        }
        return prefix;
    }

    /**
     * Sorted set of one limit: rolling-window charges (member = request id, or request id#unit when
     * a check costs more than 1; score = time) or leases (member = lease id; score = expiry).
     */
    public String limit(String keyId, LimitName limit) {
        return base(keyId) + limit.keySuffix();
    }

    /** Hash of a rolling limit's sub-window buckets (limits above exact-log-max): field = bucket index, value = units. */
    public String buckets(String keyId, LimitName limit) {
        return limit(keyId, limit) + ":b";
    }

    /** Hash of a limit's live slices: slice id -> bucket index and units granted. */
    public String slices(String keyId, LimitName limit) {
        return limit(keyId, limit) + ":s";
    }

    /** Hash of refunds returned to buckets (request id -> until when it is kept), so a refund returns once. */
    public String refunds(String keyId) {
        return base(keyId) + "refunds";
    }

    /** Hash of usage counters: {@code h:<epochHour>}, {@code d:<epochDay>}, {@code last} (epoch ms). */
    public String usage(String keyId) {
        return base(keyId) + "usage";
    }

    private String base(String keyId) {
        return prefix + "rl:{" + keyId + "}:";
    }
}
