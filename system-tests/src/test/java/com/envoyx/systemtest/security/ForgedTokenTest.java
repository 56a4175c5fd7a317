package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.UnknownFieldSet;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The JWT negative set at both services that verify internal tokens. The suite runs with its
 * JWKS URL pointed at a key this test owns and invoice-service's auth-service client pointed at a
 * hostile Exchange server, so the test can sign correct tokens (the control) and tokens wrong in
 * exactly one way: ratelimit-service gets them in gRPC Check on its internal port and must answer
 * UNAUTHENTICATED; invoice-service gets them from "auth-service" for a well-formed key and must
 * answer 503 SERVICE_UNAVAILABLE (its README: a token that fails verification is a misbehaving
 * dependency, never a 403 about the customer's key, and never a 2xx).
 */
class ForgedTokenTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ForgedTokens TOKENS = new ForgedTokens();
    private static TokenAuthority authority;
    private static LaunchedSuite suite;
    private static ManagedChannel ratelimit;

    @BeforeAll
    static void start() throws Exception {
        authority = TokenAuthority.start(TOKENS.jwks());
        suite = LaunchedSuite.start(Map.of(
                "ENVOYX_AUTH_JWKS_URL", authority.jwksUrl(),
                // invoice-service's client only: auth-service itself still starts on its own port.
                "QUARKUS_GRPC_CLIENTS_AUTH_PORT", Integer.toString(authority.exchangePort()),
                // Cold JVMs on a shared two-core machine answer their first calls slowly; a timeout
                // would be a 503 for the wrong reason.
                "ENVOYX_AUTH_GRPC_DEADLINE", "10s",
                "ENVOYX_RATELIMIT_GRPC_DEADLINE", "10s"));
        ratelimit = InternalRpc.channel(suite.port("ENVOYX_RATELIMIT_GRPC_PORT"));
    }

    @AfterAll
    static void stop() {
        if (ratelimit != null) {
            ratelimit.shutdownNow();
        }
        if (suite != null) {
            suite.close();
        }
        if (authority != null) {
            authority.close();
        }
    }

    @Test
    void ratelimitServiceRefusesEveryForgedToken() {
        UnknownFieldSet allowed = InternalRpc.call(ratelimit, InternalRpc.CHECK,
                InternalRpc.checkRequest(TOKENS.valid(UUID.randomUUID().toString())));
        assertEquals(1, InternalRpc.varintField(allowed, 1), "control: a correct token is allowed");

        TOKENS.forgeries(UUID.randomUUID().toString()).forEach((what, token) -> {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> InternalRpc.call(ratelimit, InternalRpc.CHECK, InternalRpc.checkRequest(token)), what);
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), what + ": " + refused);
        });
    }

    @Test
    void invoiceServiceRefusesEveryForgedTokenFromItsAuthService() throws Exception {
        authority.handOut(TOKENS.valid(UUID.randomUUID().toString()));
        HttpResponse<String> control = me(newKey());
        assertEquals(200, control.statusCode(), "control: a correct token is accepted: " + control.body());

        for (Map.Entry<String, String> forged : TOKENS.forgeries(UUID.randomUUID().toString()).entrySet()) {
            authority.handOut(forged.getValue());
            int warningsBefore = exchangeWarnings().size();
            HttpResponse<String> refused = me(newKey());
            JsonNode body = SuiteClient.json(refused.body());
            assertEquals(503, refused.statusCode(), forged.getKey() + ": " + refused.body());
            assertEquals("SERVICE_UNAVAILABLE", body.path("code").asText(), forged.getKey());
            assertEquals(false, body.path("success").asBoolean(true), forged.getKey());
            // Refused because the token failed verification, not because the exchange timed out.
            String warning = awaitExchangeWarning(warningsBefore);
            assertTrue(warning.contains("Exception") && !warning.contains("Timeout"), forged.getKey() + ": " + warning);
        }

        // Nothing of the forgeries stuck: a correct token still works afterwards.
        authority.handOut(TOKENS.valid(UUID.randomUUID().toString()));
        HttpResponse<String> after = me(newKey());
        assertTrue(after.statusCode() == 200, "after the forgeries: " + after.body());
    }

    private static List<String> exchangeWarnings() {
        return suite.allOutput().lines().filter(line -> line.contains("Key exchange failed")).toList();
    }

    /** The warning invoice-service logs for the refused request (its log line may trail the answer). */
    private static String awaitExchangeWarning(int seenBefore) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> warnings = exchangeWarnings();
            if (warnings.size() > seenBefore) {
                return warnings.get(seenBefore);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("invoice-service logged no failed exchange for the refused request");
    }

    /** A well-formed key never seen before, so invoice-service must ask its auth-service. */
    private static String newKey() {
        return ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, RANDOM);
    }

    private static HttpResponse<String> me(String key) throws Exception {
        return SuiteClient.get(suite.url("invoice") + "/api/v1/me", Map.of("X-API-Key", key));
    }
}
