package com.envoyx.ratelimit.platform;

import com.envoyx.infra.testing.ReadinessRecoveryContract;
import com.envoyx.ratelimit.testing.OwnServersProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(OwnServersProfile.class)
class ReadinessRecoveryTest extends ReadinessRecoveryContract {

    @Override
    protected String database() {
        return null;
    }
}
