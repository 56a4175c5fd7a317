package com.envoyx.ratelimit.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A 2 s general window of 4 buckets and an exact-log max of 10, so that a key above 10 is kept in
 * buckets and its whole window is seen within a test; slices of a quarter of the limit, valid 500 ms.
 */
public class BucketWindowsProfile implements QuarkusTestProfile {

    public static final long WINDOW_MICROS = 2_000_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "envoyx.limit.general-window", "2s",
                "envoyx.limit.buckets-per-window", "4",
                "envoyx.limit.exact-log-max", "10",
                "envoyx.limit.slice-share", "0.25",
                "envoyx.limit.slice-validity", "500ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ServiceTestResource.class, Map.of()));
    }
}
