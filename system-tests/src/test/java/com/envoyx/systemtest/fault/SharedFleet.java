package com.envoyx.systemtest.fault;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.SharedFleetExtension;

/**
 * The {@link Fleet} of the fault tests (and of the WebSocket tests across replicas): two
 * invoice-service replicas sharing a blob directory.
 *
 * <p>The settings are the ones the faults need to show their effect within seconds: internal
 * tokens live 20 s (a cached key works until then without auth-service), orphaned blobs are
 * swept after 5 s, and a processing lease held by a dead replica expires after 3 s; and deadlines
 * that a loaded machine does not miss by itself.
 */
public final class SharedFleet extends SharedFleetExtension {

    /** How long a key's internal token lives, and how long before expiry invoice-service stops using it. */
    static final int TOKEN_LIFETIME_SECONDS = 20;
    static final int REFRESH_BEFORE_EXPIRY_SECONDS = 3;
    static final int ORPHAN_GRACE_SECONDS = 5;
    /** How long a processing claim holds a job without renewal (renewed every third while parsing). */
    static final int PROCESSING_LEASE_SECONDS = 3;
    /** invoice-service's deadline for each call to auth-service and to ratelimit-service. */
    static final String DEPENDENCY_DEADLINE = "2s";

    @Override
    protected Fleet.Options options() {
        return Fleet.options()
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
                .environment("ENVOYX_REDIS_DEADLINE", "1s");
    }
}
