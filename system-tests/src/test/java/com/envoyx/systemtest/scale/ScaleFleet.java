package com.envoyx.systemtest.scale;

import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.SharedFleetExtension;

/**
 * One horizontally scaled {@link Fleet} for every scale test of the run: two invoice-service
 * replicas on distinct ports sharing PostgreSQL, Redis and a bucket in S3Proxy (what replicas on
 * different machines share), one auth-service and one ratelimit-service.
 */
public final class ScaleFleet extends SharedFleetExtension {

    @Override
    protected Fleet.Options options() {
        return Fleet.options()
                .invoiceReplicas(2)
                .s3BlobStore()
                // Deadlines with room for two shared cores, as the fault suite and the services' own tests use.
                .environment("ENVOYX_AUTH_GRPC_DEADLINE", "2s")
                .environment("ENVOYX_RATELIMIT_GRPC_DEADLINE", "2s")
                .environment("ENVOYX_REDIS_DEADLINE", "1s");
    }
}
