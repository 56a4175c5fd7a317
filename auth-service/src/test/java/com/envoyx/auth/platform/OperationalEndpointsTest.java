package com.envoyx.auth.platform;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.infra.testing.OperationalEndpointsContract;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(AuthTestProfile.class)
class OperationalEndpointsTest extends OperationalEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "EnvoyX auth-service";
    }
}
