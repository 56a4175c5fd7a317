package com.envoyx.invoice.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A start of its own (so a clean database) with the pipeline off: tests drive the queue as workers would. */
public class QueueOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("envoyx.processing.enabled", "false");
    }
}
