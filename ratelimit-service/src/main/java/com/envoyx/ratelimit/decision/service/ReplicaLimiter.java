package com.envoyx.ratelimit.decision.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.envoyx.ratelimit.decision.model.LeaseResult;
import com.envoyx.ratelimit.decision.model.LimitDecision;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.model.WindowLimit;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The per-replica stand-in for Redis while it is away: the same exact rolling windows and leases,
 * but counted in this replica's memory only, so N replicas together admit up to N times a limit.
 * Bounded: at most {@code maxKeys} keys (least recently used dropped first), each holding at most
 * its limits' entries; a key idle for the longest window is forgotten.
 */
public final class ReplicaLimiter {

    private final Clock clock;
    private final Cache<String, KeyCounters> keys;

    public ReplicaLimiter(Clock clock, long maxKeys, Duration idleAfter) {
        this.clock = clock;
        this.keys = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(idleAfter)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Decides every limit; charges all of them only when all fit. */
    public List<LimitDecision> check(String keyId, List<WindowLimit> limits, int cost) {
        return counters(keyId).check(limits, cost, clock.millis());
    }

    public LeaseResult acquire(String keyId, String leaseId, long max, Duration ttl) {
        return counters(keyId).acquire(leaseId, max, ttl, clock.millis());
    }

    /**
     * Renews a lease. A lease this replica does not know is granted too: Redis granted it before
     * the outage, and refusing would cut a live connection only because Redis is away.
     */
    public LeaseResult renew(String keyId, String leaseId, long max, Duration ttl) {
        return counters(keyId).renew(leaseId, max, ttl, clock.millis());
    }

    public boolean release(String keyId, String leaseId) {
        return counters(keyId).release(leaseId, clock.millis());
    }

    private KeyCounters counters(String keyId) {
        return keys.get(keyId, id -> new KeyCounters());
    }

    /** One key's windows (accept times in ms, oldest first) and leases (expiry in ms); one lock per key. */
    private static final class KeyCounters {

        private final Map<LimitName, ArrayDeque<Long>> windows = new EnumMap<>(LimitName.class);
        private final Map<String, Long> leases = new HashMap<>();

        synchronized List<LimitDecision> check(List<WindowLimit> limits, int cost, long now) {
            boolean allFit = true;
            for (WindowLimit limit : limits) {
                ArrayDeque<Long> accepted = window(limit, now);
                allFit &= accepted.size() + cost <= limit.max();
            }
            List<LimitDecision> decisions = new ArrayList<>(limits.size());
            for (WindowLimit limit : limits) {
                ArrayDeque<Long> accepted = windows.get(limit.name());
                long windowMillis = limit.window().toMillis();
                int count = accepted.size();
                boolean fits = count + cost <= limit.max();
                long retryAfter = 0;
                if (!fits) {
                    long leaving = nth(accepted, count + cost - (int) limit.max() - 1);
                    retryAfter = secondsUp(leaving + windowMillis - now);
                }
                if (allFit) {
                    for (int i = 0; i < cost; i++) {
                        accepted.addLast(now);
                    }
                }
                long newest = accepted.isEmpty() ? now - windowMillis : accepted.peekLast();
                decisions.add(new LimitDecision(limit.name(), fits, limit.max(), limit.windowSeconds(),
                        Math.max(limit.max() - accepted.size(), 0), secondsUp(newest + windowMillis), retryAfter));
            }
            return decisions;
        }

        synchronized LeaseResult acquire(String leaseId, long max, Duration ttl, long now) {
            dropExpiredLeases(now);
            if (leases.containsKey(leaseId) || leases.size() < max) {
                leases.put(leaseId, now + ttl.toMillis());
                return new LeaseResult(true, leaseId, max, leases.size(), ttl.toSeconds(), 0, true);
            }
            long earliest = leases.values().stream().mapToLong(Long::longValue).min().orElse(now);
            return new LeaseResult(false, leaseId, max, leases.size(), ttl.toSeconds(), secondsUp(earliest - now), true);
        }

        synchronized LeaseResult renew(String leaseId, long max, Duration ttl, long now) {
            dropExpiredLeases(now);
            leases.put(leaseId, now + ttl.toMillis());
            return new LeaseResult(true, leaseId, max, leases.size(), ttl.toSeconds(), 0, true);
        }

        synchronized boolean release(String leaseId, long now) {
            dropExpiredLeases(now);
            return leases.remove(leaseId) != null;
        }

        private ArrayDeque<Long> window(WindowLimit limit, long now) {
            ArrayDeque<Long> accepted = windows.computeIfAbsent(limit.name(), name -> new ArrayDeque<>());
            long oldestKept = now - limit.window().toMillis();
            while (!accepted.isEmpty() && accepted.peekFirst() <= oldestKept) {
                accepted.pollFirst();
            }
            return accepted;
        }

        private void dropExpiredLeases(long now) {
            leases.values().removeIf(expiry -> expiry <= now);
        }

        private static long nth(ArrayDeque<Long> accepted, int index) {
            Iterator<Long> iterator = accepted.iterator();
            for (int i = 0; i < index; i++) {
                iterator.next();
            }
            return iterator.next();
        }

        private static long secondsUp(long millis) {
            return Math.max(0, Math.floorDiv(millis + 999, 1000));
        }
    }
}
