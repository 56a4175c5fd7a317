package com.envoyx.ratelimit.decision.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.ratelimit.decision.model.UsageBucket;
import com.envoyx.ratelimit.decision.model.UsageReport;
import com.envoyx.ratelimit.decision.model.UsageRetention;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/** Reads a key's usage counters, which each accepted check writes as a side effect. */
@ApplicationScoped
public class UsageReader {

    private static final long HOUR = 3600;
    private static final long DAY = 86400;

    private final RedisScripts scripts;
    private final RedisKeys keys;

    UsageReader(RedisScripts scripts, RedisKeys keys) {
        this.scripts = scripts;
        this.keys = keys;
    }

    public Uni<UsageReport> usage(String keyId) {
        return scripts.run(LuaScript.USAGE, List.of(keys.usage(keyId)), List.of()).map(UsageReader::toReport);
    }

    private static UsageReport toReport(Response response) {
        long now = response.get(0).toLong();
        Map<String, Long> fields = new HashMap<>();
        for (int i = 1; i + 1 < response.size(); i += 2) {
            fields.put(response.get(i).toString(), response.get(i + 1).toLong());
        }
        return new UsageReport(
                buckets(fields, "h:", now / HOUR, UsageRetention.HOURS_SERVED, HOUR),
                buckets(fields, "d:", now / DAY, UsageRetention.DAYS_SERVED, DAY),
                fields.getOrDefault("last", 0L));
    }

    private static List<UsageBucket> buckets(Map<String, Long> fields, String kind, long current, int count, long size) {
        List<UsageBucket> buckets = new ArrayList<>(count);
        for (long bucket = current - count + 1; bucket <= current; bucket++) {
            buckets.add(new UsageBucket(bucket * size, fields.getOrDefault(kind + bucket, 0L)));
        }
        return buckets;
    }
}
