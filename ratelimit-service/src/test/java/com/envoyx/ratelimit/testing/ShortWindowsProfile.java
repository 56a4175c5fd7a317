package com.envoyx.ratelimit.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Windows and lease TTL of a few seconds (long enough for a loaded machine), so boundaries and expiry are seen within a test. */
public class ShortWindowsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "envoyx.limit.general-window", "4s",
                "envoyx.limit.upload-window", "3s",
                "envoyx.lease.ttl", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ServiceTestResource.class, Map.of()));
    }
}
