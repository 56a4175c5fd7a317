package com.envoyx.ratelimit.decision.repository;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitName;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Concurrency leases in Redis: a sorted set per key and limit with each lease's expiry as score.
 * Expired leases are dropped before every decision, so a holder that dies without releasing
 * frees its slot within one TTL.
 */
@ApplicationScoped
public class LeaseRegistry {

    private final RedisScripts scripts;
    private final RedisKeys keys;

    LeaseRegistry(RedisScripts scripts, RedisKeys keys) {
        this.scripts = scripts;
        this.keys = keys;
    }

    public Uni<LeaseResult> acquire(String keyId, LimitName limit, String leaseId, long max, Duration ttl) {
        return run("acquire", keyId, limit, leaseId, max, ttl).map(response -> toResult(response, leaseId, max, ttl));
    }

    /** Extends a held lease by one TTL; a lease that expired or was never held is not granted. */
    public Uni<LeaseResult> renew(String keyId, LimitName limit, String leaseId, long max, Duration ttl) {
        return run("renew", keyId, limit, leaseId, max, ttl).map(response -> toResult(response, leaseId, max, ttl));
    }

    public Uni<Boolean> release(String keyId, LimitName limit, String leaseId) {
        return run("release", keyId, limit, leaseId, 0, Duration.ZERO).map(response -> response.get(0).toLong() == 1);
    }

    private Uni<Response> run(String operation, String keyId, LimitName limit, String leaseId, long max, Duration ttl) {
        return scripts.run(LuaScript.LEASE, List.of(keys.limit(keyId, limit)),
                List.of(operation, leaseId, Long.toString(max), Long.toString(ttl.toNanos() / 1000)));
    }

    private static LeaseResult toResult(Response response, String leaseId, long max, Duration ttl) {
        return new LeaseResult(response.get(0).toLong() == 1, leaseId, max, response.get(1).toLong(), ttl.toSeconds(),
                response.get(2).toLong(), false);
    }
}
