package com.envoyx.auth.apikey.client;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.config.UsageConfig;
import com.envoyx.contracts.ratelimit.v1.MutinyRateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * ratelimit-service's GetUsage, called with a short-lived service token (svc=auth-service) that
 * may read any key's usage. No retry: the dashboard would rather show "unavailable" at once.
 */
@ApplicationScoped
public class RateLimiterUsageClient {

    private final MutinyRateLimiterGrpc.MutinyRateLimiterStub ratelimit;
    private final UsageConfig config;

    RateLimiterUsageClient(@GrpcClient("ratelimit") MutinyRateLimiterGrpc.MutinyRateLimiterStub ratelimit,
            UsageConfig config) {
        this.ratelimit = ratelimit;
        this.config = config;
    }

    /** The deadline starts when the answer is awaited, not when this is called. */
    public Uni<UsageResponse> usage(UUID keyId, String serviceToken) {
        return Uni.createFrom().deferred(() -> ratelimit
                .withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .getUsage(UsageRequest.newBuilder()
                        .setToken(serviceToken)
                        .setKeyId(keyId.toString())
                        .build()));
    }
}
