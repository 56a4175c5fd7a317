package com.envoyx.invoice.health;

import com.envoyx.infra.testing.InfraTestResource;
import com.envoyx.infra.testing.OperationalEndpointsContract;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "envoyx_invoice"))
class OperationalEndpointsTest extends OperationalEndpointsContract {

    @Override
    protected String openApiTitle() {
        return "EnvoyX invoice-service";
    }
}
