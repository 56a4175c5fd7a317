package com.envoyx.ratelimit.testing;

import java.util.List;
import java.util.Map;

import com.envoyx.infra.testing.RedisClusterTestResource;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a real three-master Redis Cluster (infra's {@link RedisClusterTestResource}),
 * with the test JWKS and the lease TTL of {@link ShortWindowsProfile} so lease expiry is seen
 * within a test; windows keep their defaults.
 */
public class RedisClusterProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "envoyx.lease.ttl", "2s",
                "mp.jwt.verify.publickey.location", "file:" + TestKeys.jwks());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisClusterTestResource.class, Map.of()));
    }
}
