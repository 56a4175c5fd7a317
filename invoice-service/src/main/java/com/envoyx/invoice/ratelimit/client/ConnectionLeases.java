package com.envoyx.invoice.ratelimit.client;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.ratelimit.v1.AcquireLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.Limit;
import com.envoyx.contracts.ratelimit.v1.MutinyRateLimiterGrpc;
import com.envoyx.contracts.ratelimit.v1.ReleaseLeaseRequest;
import com.envoyx.contracts.ratelimit.v1.RenewLeaseRequest;
import com.envoyx.invoice.platform.Deadlines;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * A key's concurrent WebSocket connections, counted by ratelimit-service as leases so the limit
 * holds across replicas. The caller picks the lease id, so a lease whose grant was lost to a
 * timeout can still be released. The key id and its limit come from the token, never from here.
 */
@ApplicationScoped
public class ConnectionLeases {

    private final MutinyRateLimiterGrpc.MutinyRateLimiterStub stub;
    private final long deadlineMillis;

    ConnectionLeases(@GrpcClient("ratelimit") MutinyRateLimiterGrpc.MutinyRateLimiterStub stub, RateLimitConfig config) {
        this.stub = stub;
        this.deadlineMillis = config.deadline().toMillis();
    }

    public Uni<Lease> acquire(String token, String leaseId) {
        return Deadlines.bound(withDeadline().acquireLease(AcquireLeaseRequest.newBuilder()
                        .setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build()), deadlineMillis)
                .map(response -> new Lease(response.getGranted(), leaseId, response.getLimitValue(),
                        response.getTtlSeconds(), response.getRetryAfterSeconds()));
    }

    /** Whether the lease is still held; false when it expired or is unknown (the connection must end). */
    public Uni<Boolean> renew(String token, String leaseId) {
        return Deadlines.bound(withDeadline().renewLease(RenewLeaseRequest.newBuilder()
                        .setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build()), deadlineMillis)
                .map(response -> response.getGranted());
    }

    public Uni<Boolean> release(String token, String leaseId) {
        return Deadlines.bound(withDeadline().releaseLease(ReleaseLeaseRequest.newBuilder()
                        .setToken(token).setLimit(Limit.WEBSOCKET_CONNECTIONS).setLeaseId(leaseId).build()), deadlineMillis)
                .map(response -> response.getReleased());
    }

    private MutinyRateLimiterGrpc.MutinyRateLimiterStub withDeadline() {
        return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** The answer to an acquire: granted, or how long until a slot may be free. */
    public record Lease(boolean granted, String leaseId, long limit, long ttlSeconds, long retryAfterSeconds) {
    }
}
