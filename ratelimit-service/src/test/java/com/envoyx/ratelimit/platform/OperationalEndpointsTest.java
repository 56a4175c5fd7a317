package com.envoyx.ratelimit.platform;

import com.envoyx.infra.testing.OperationalEndpointsContract;
import com.envoyx.ratelimit.testing.ServiceTestResource;

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
