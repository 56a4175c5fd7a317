package com.envoyx.auth.exchange.grpc;

import com.envoyx.auth.error.ErrorMappings;
import com.envoyx.auth.exchange.service.KeyExchangeService;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.KeyExchange;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * gRPC face of the exchange. A rejection is an answer, not an error; only a failure to decide
 * (e.g. PostgreSQL unreachable) becomes UNAVAILABLE, which callers turn into 503, never 403.
 */
@GrpcService
public class KeyExchangeGrpcService implements KeyExchange {

    private final KeyExchangeService exchange;

    KeyExchangeGrpcService(KeyExchangeService exchange) {
        this.exchange = exchange;
    }

    @Override
    public Uni<ExchangeResponse> exchange(ExchangeRequest request) {
        return exchange.exchange(request.getApiKey())
                .onFailure().transform(e -> ErrorMappings.toGrpcStatus(e, "key store unavailable"));
    }
}
