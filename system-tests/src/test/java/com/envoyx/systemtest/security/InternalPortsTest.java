package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.google.protobuf.UnknownFieldSet;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The internal gRPC APIs answer on their own ports only: every internal RPC sent as gRPC (HTTP/2
 * with prior knowledge) to each service's public HTTP port fails without reaching a service
 * method, while the same call on the internal port is answered by the service.
 */
class InternalPortsTest {

    /** How a gRPC call fails when nothing serves it: 404 (UNIMPLEMENTED) or no HTTP/2 gRPC peer. */
    private static final Set<Status.Code> NOT_SERVED =
            Set.of(Status.Code.UNIMPLEMENTED, Status.Code.UNAVAILABLE, Status.Code.INTERNAL, Status.Code.UNKNOWN);
    private static final List<String> PUBLIC_PORTS =
            List.of("ENVOYX_INVOICE_HTTP_PORT", "ENVOYX_AUTH_HTTP_PORT", "ENVOYX_RATELIMIT_HTTP_PORT");

    private static SecuritySuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SecuritySuite.get();
    }

    @Test
    void theInternalPortsServeTheirRpcs() {
        ManagedChannel auth = InternalRpc.channel(suite.suite().port("ENVOYX_AUTH_GRPC_PORT"));
        ManagedChannel ratelimit = InternalRpc.channel(suite.suite().port("ENVOYX_RATELIMIT_GRPC_PORT"));
        try {
            UnknownFieldSet answer = InternalRpc.call(auth, InternalRpc.EXCHANGE, InternalRpc.exchangeRequest(
                    ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, new SecureRandom())));
            assertEquals(1, InternalRpc.varintField(answer, 2), "an unknown key is rejected as INVALID: " + answer);
            // Answered by the service itself: it read the (missing) token and refused it.
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> InternalRpc.call(ratelimit, InternalRpc.CHECK, InternalRpc.checkRequest("")));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), refused.toString());
        } finally {
            auth.shutdownNow();
            ratelimit.shutdownNow();
        }
    }

    @Test
    void noPublicPortServesAnInternalRpc() {
        List<String> methods = new ArrayList<>(InternalRpc.RATELIMIT_METHODS);
        methods.add(InternalRpc.EXCHANGE);
        for (String port : PUBLIC_PORTS) {
            ManagedChannel channel = InternalRpc.channel(suite.suite().port(port));
            try {
                for (String method : methods) {
                    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                            () -> InternalRpc.call(channel, method, InternalRpc.exchangeRequest("envx_live_x")),
                            method + " answered on " + port);
                    assertNotNull(refused.getStatus());
                    assertTrue(NOT_SERVED.contains(refused.getStatus().getCode()),
                            method + " on " + port + " reached a service: " + refused.getStatus());
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
