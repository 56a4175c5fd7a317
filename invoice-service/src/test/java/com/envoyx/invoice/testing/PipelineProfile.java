package com.envoyx.invoice.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The pipeline on, polling only once an hour: every job in these tests is picked up because an
 * {@code UPLOADED} event woke the pipeline (or because another document finished), so the tests
 * also show that the wake-up works.
 */
public class PipelineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("envoyx.processing.enabled", "true", "envoyx.processing.poll-interval", "1h");
    }
}
