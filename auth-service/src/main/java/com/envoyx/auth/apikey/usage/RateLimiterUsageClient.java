package com.envoyx.auth.apikey.usage;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.envoyx.auth.token.TokenIssuer;
import com.envoyx.contracts.ratelimit.v1.MutinyRateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * ratelimit-service's GetUsage, called with a short-lived service token (svc=auth-service) that
 * may read any key's usage. No retry: the dashboard would rather show "unavailable" at once.
 */
@Singleton
public class RateLimiterUsageClient {

    private final MutinyRateLimiterGrpc.MutinyRateLimiterStub ratelimit;
    private final TokenIssuer tokens;
    private final UsageConfig config;

    RateLimiterUsageClient(@GrpcClient("ratelimit") MutinyRateLimiterGrpc.MutinyRateLimiterStub ratelimit,
            TokenIssuer tokens, UsageConfig config) {
        this.ratelimit = ratelimit;
        this.tokens = tokens;
        this.config = config;
    }

    public Uni<UsageResponse> usage(UUID keyId) {
        return Uni.createFrom().deferred(() -> ratelimit
                .withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .getUsage(UsageRequest.newBuilder()
                        .setToken(tokens.serviceToken())
                        .setKeyId(keyId.toString())
                        .build()));
    }
}
