package com.envoyx.ratelimit.health;

import com.envoyx.infra.testing.InfraTestResource;
import com.envoyx.infra.testing.OperationalEndpointsContract;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "EnvoyX ratelimit-service";
    }
}
