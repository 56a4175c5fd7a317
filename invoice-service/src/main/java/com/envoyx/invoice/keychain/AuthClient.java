package com.envoyx.invoice.keychain;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.MutinyKeyExchangeGrpc;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The one call to auth-service. Every call has a deadline ({@link KeychainConfig#authDeadline()});
 * after repeated failures the breaker opens and requests fail fast instead of queueing behind a
 * dead service. A rejection is an answer, not a failure, so it never trips the breaker.
 */
@ApplicationScoped
class AuthClient {

    private final MutinyKeyExchangeGrpc.MutinyKeyExchangeStub stub;
    private final long deadlineMillis;

    AuthClient(@GrpcClient("auth") MutinyKeyExchangeGrpc.MutinyKeyExchangeStub stub, KeychainConfig config) {
        this.stub = stub;
        this.deadlineMillis = config.authDeadline().toMillis();
    }

    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, successThreshold = 2)
    Uni<ExchangeResponse> exchange(String apiKey) {
        return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).exchange(ExchangeRequest.newBuilder().setApiKey(apiKey).build());
    }
}
