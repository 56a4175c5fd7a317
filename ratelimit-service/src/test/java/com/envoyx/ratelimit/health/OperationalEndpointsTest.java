package com.envoyx.ratelimit.health;

import com.envoyx.ratelimit.support.ServiceTestResource;
import com.envoyx.infra.testing.OperationalEndpointsContract;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "EnvoyX ratelimit-service";
    }
}
