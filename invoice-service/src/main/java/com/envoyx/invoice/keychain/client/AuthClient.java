package com.envoyx.invoice.keychain.client;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.MutinyKeyExchangeGrpc;
import com.envoyx.invoice.keychain.config.KeychainConfig;
import com.envoyx.invoice.platform.BreakerConfig;
import com.envoyx.invoice.platform.CircuitBreaker;
import com.envoyx.invoice.platform.Deadlines;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * The one call to auth-service. Every call has a deadline ({@link KeychainConfig#authDeadline()});
 * after repeated failures the breaker opens and requests fail fast instead of queueing behind a
 * dead service. A rejection is an answer, not a failure, so it never trips the breaker.
 */
@ApplicationScoped
public class AuthClient {

    private final MutinyKeyExchangeGrpc.MutinyKeyExchangeStub stub;
    private final long deadlineMillis;
    private final CircuitBreaker breaker;

    AuthClient(@GrpcClient("auth") MutinyKeyExchangeGrpc.MutinyKeyExchangeStub stub, KeychainConfig config,
               BreakerConfig breakerConfig, Clock clock) {
        this.stub = stub;
        this.deadlineMillis = config.authDeadline().toMillis();
        this.breaker = new CircuitBreaker("auth-service", breakerConfig, clock);
    }

    public Uni<ExchangeResponse> exchange(String apiKey) {
        return breaker.call(() -> Deadlines.bound(stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .exchange(ExchangeRequest.newBuilder().setApiKey(apiKey).build()), deadlineMillis));
    }
}
