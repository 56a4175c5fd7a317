package com.envoyx.invoice.health;

import com.envoyx.infra.testing.ReadinessRecoveryContract;
import com.envoyx.invoice.testing.OwnServersProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(OwnServersProfile.class)
class ReadinessRecoveryTest extends ReadinessRecoveryContract {

    @Override
    protected String database() {
        return "envoyx_invoice";
    }
}
