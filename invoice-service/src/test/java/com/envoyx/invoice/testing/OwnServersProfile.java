package com.envoyx.invoice.testing;

import java.util.List;
import java.util.Map;

import com.envoyx.infra.testing.OwnServersTestResource;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the service against servers the test owns and may stop, never the machine's shared ones. */
public class OwnServersProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnServersTestResource.class, Map.of("database", "envoyx_invoice")));
    }
}
