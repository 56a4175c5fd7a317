package com.envoyx.ratelimit.testing;

import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import com.envoyx.contracts.ratelimit.v1.RateLimiterGrpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** A plain gRPC channel to the service under test, as invoice-service would open one. */
public final class GrpcClient implements AutoCloseable {

    private final ManagedChannel channel;

    public GrpcClient() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    public ManagedChannel channel() {
        return channel;
    }

    public RateLimiterGrpc.RateLimiterBlockingStub blocking() {
        return RateLimiterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public RateLimiterGrpc.RateLimiterFutureStub future() {
        return RateLimiterGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
