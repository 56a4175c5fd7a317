package com.envoyx.auth.testing;

import java.util.List;
import java.util.Map;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.infra.testing.OwnServersTestResource;

/**
 * The service (with the test settings of {@link AuthTestProfile}) against servers the test owns
 * and may stop, never the machine's shared ones.
 */
public class OwnServersProfile extends AuthTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnServersTestResource.class, Map.of("database", "envoyx_auth")));
    }
}
