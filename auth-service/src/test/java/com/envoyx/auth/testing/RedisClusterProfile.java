package com.envoyx.auth.testing;

import java.util.List;
import java.util.Map;

import com.envoyx.infra.testing.RedisClusterTestResource;

/** {@link AuthTestProfile} on a real three-master Redis Cluster of its own (infra's {@link RedisClusterTestResource}). */
public class RedisClusterProfile extends AuthTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisClusterTestResource.class, Map.of("database", "envoyx_auth")));
    }
}
