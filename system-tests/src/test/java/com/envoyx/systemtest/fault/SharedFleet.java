package com.envoyx.systemtest.fault;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.envoyx.systemtest.support.Fleet;

/**
 * One {@link Fleet} for every fault test of the run (starting one costs ~30 s on two cores),
 * started on first use and closed when the run ends (JUnit closes the root store's values). Each
 * test starts from a whole fleet: {@link Fleet#restore()} brings back whatever an earlier test
 * took away and waits until every replica serves, so tests stay independent of order and of each
 * other's failures.
 *
 * <p>The settings are the ones the faults need to show their effect within seconds: internal
 * tokens live 20 s (a cached key works until then without auth-service), orphaned blobs are
 * swept after 5 s, and a processing lease held by a dead replica expires after 3 s; and deadlines
 * that a loaded machine does not miss by itself.
 */
public final class SharedFleet implements BeforeEachCallback, ParameterResolver {

    /** How long a key's internal token lives, and how long before expiry invoice-service stops using it. */
    static final int TOKEN_LIFETIME_SECONDS = 20;
    static final int REFRESH_BEFORE_EXPIRY_SECONDS = 3;
    static final int ORPHAN_GRACE_SECONDS = 5;
    /** How long a processing claim holds a job without renewal (renewed every third while parsing). */
    static final int PROCESSING_LEASE_SECONDS = 3;
    /** invoice-service's deadline for each call to auth-service and to ratelimit-service. */
    static final String DEPENDENCY_DEADLINE = "2s";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedFleet.class);

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
                .environment("ENVOYX_JWT_TOKEN_LIFETIME", TOKEN_LIFETIME_SECONDS + "s")
                .environment("ENVOYX_KEY_REFRESH_BEFORE_EXPIRY", REFRESH_BEFORE_EXPIRY_SECONDS + "s")
                .environment("ENVOYX_BLOB_ORPHAN_GRACE", ORPHAN_GRACE_SECONDS + "s")
                .environment("ENVOYX_BLOB_SWEEP_INTERVAL", "1s")
                .environment("ENVOYX_PROCESSING_LEASE", PROCESSING_LEASE_SECONDS + "s")
                // Deadlines with room for two shared cores (as the services' own tests do); an
                // outage here is a refused connection, answered at once whatever the deadline.
                .environment("ENVOYX_AUTH_GRPC_DEADLINE", DEPENDENCY_DEADLINE)
                .environment("ENVOYX_RATELIMIT_GRPC_DEADLINE", DEPENDENCY_DEADLINE)
                .environment("ENVOYX_REDIS_DEADLINE", "1s")), Fleet.class);
    }
}
