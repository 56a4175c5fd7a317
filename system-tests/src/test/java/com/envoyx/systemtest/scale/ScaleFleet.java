package com.envoyx.systemtest.scale;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.envoyx.systemtest.support.Fleet;

/**
 * One horizontally scaled {@link Fleet} for every scale test of the run: two invoice-service
 * replicas on distinct ports sharing PostgreSQL, Redis and a bucket in S3Proxy (what replicas on
 * different machines share), one auth-service and one ratelimit-service. Started on first use,
 * closed when the run ends; before each test {@link Fleet#restore()} brings back a replica an
 * earlier test stopped, so tests do not depend on each other's order or failures.
 */
public final class ScaleFleet implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ScaleFleet.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        fleet(context).restore();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fleet(context);
    }

    private static Fleet fleet(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Fleet.class, type -> Fleet.start(Fleet.options()
                .invoiceReplicas(2)
                .s3BlobStore()
                // Deadlines with room for two shared cores, as the fault suite and the services' own tests use.
                .environment("ENVOYX_AUTH_GRPC_DEADLINE", "2s")
                .environment("ENVOYX_RATELIMIT_GRPC_DEADLINE", "2s")
                .environment("ENVOYX_REDIS_DEADLINE", "1s")), Fleet.class);
    }
}
