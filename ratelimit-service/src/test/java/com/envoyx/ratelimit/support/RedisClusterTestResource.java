package com.envoyx.ratelimit.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real three-master Redis Cluster for one Quarkus start, plus the test JWKS. */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalRedisCluster cluster;

    @Override
    public Map<String, String> start() {
        cluster = LocalRedisCluster.start(3);
        return Map.of(
                "quarkus.redis.client-type", "cluster",
                "quarkus.redis.hosts", cluster.hosts(),
                "envoyx.redis.key-prefix", "test-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                "mp.jwt.verify.publickey.location", "file:" + TestKeys.jwks());
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
