package com.envoyx.ratelimit.decision.repository;

import com.envoyx.ratelimit.testing.RedisClusterProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every lease test of {@link LeaseTest}, on a real three-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterLeaseTest extends LeaseTest {
}
