package com.envoyx.ratelimit.token.service;

import static com.envoyx.ratelimit.testing.Requests.general;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.ratelimit.v1.CheckRequest;
import com.envoyx.contracts.ratelimit.v1.UsageRequest;
import com.envoyx.ratelimit.testing.GrpcTestSupport;
import com.envoyx.ratelimit.testing.ServiceTestResource;
import com.envoyx.ratelimit.testing.TestKeys;
import com.envoyx.ratelimit.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class TokenVerificationTest extends GrpcTestSupport {

    @Test
    void aValidTokenIsAccepted() {
        assertTrue(grpc.blocking().check(general(TestTokens.forKey(TestTokens.newKeyId()))).getAllowed());
    }

    @Test
    void aMissingTokenIsRefused() {
        assertUnauthenticated(general(""));
        assertUnauthenticated(general("not-a-jwt"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = TestTokens.sign(TestTokens.keyClaims(TestTokens.newKeyId(), Map.of()),
                TestKeys.newKeyPair().getPrivate());
        assertUnauthenticated(general(forged));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(600);
        String expired = TestTokens.sign(TestTokens.keyClaims(TestTokens.newKeyId(), Map.of())
                .issuedAt(past.minusSeconds(300)).expiresAt(past), TestKeys.signingKey());
        assertUnauthenticated(general(expired));
    }

    @Test
    void aTokenForAnotherIssuerOrAudienceIsRefused() {
        String issuer = TestTokens.sign(TestTokens.keyClaims(TestTokens.newKeyId(), Map.of())
                .issuer("https://evil.example"), TestKeys.signingKey());
        String audience = TestTokens.sign(TestTokens.keyClaims(TestTokens.newKeyId(), Map.of())
                .audience("someone-else"), TestKeys.signingKey());
        assertUnauthenticated(general(issuer));
        assertUnauthenticated(general(audience));
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestTokens.ISSUER);
        claims.setAudience(TestTokens.AUDIENCE);
        claims.setSubject(TestTokens.newKeyId());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKeyIdHeaderValue(TestKeys.KID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        assertUnauthenticated(general(jws.getCompactSerialization()));
    }

    @Test
    void aTokenWithoutAKeyIdSubjectIsRefused() {
        String noKey = TestTokens.sign(TestTokens.keyClaims("not-a-uuid", Map.of()), TestKeys.signingKey());
        assertUnauthenticated(general(noKey));
    }

    @Test
    void aServiceTokenOwnsNoBudget() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> grpc.blocking().check(general(TestTokens.forService("auth-service"))));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    }

    @Test
    void usageIsReadByItsKeyOrByAuthServiceOnly() {
        String keyId = TestTokens.newKeyId();
        String own = TestTokens.forKey(keyId);
        assertEquals(24, grpc.blocking().getUsage(usage(own, keyId)).getHourlyCount());
        assertEquals(24, grpc.blocking().getUsage(usage(own, "")).getHourlyCount());
        assertEquals(24, grpc.blocking().getUsage(usage(TestTokens.forService("auth-service"), keyId)).getHourlyCount());

        String other = TestTokens.forKey(TestTokens.newKeyId());
        StatusRuntimeException foreign = assertThrows(StatusRuntimeException.class,
                () -> grpc.blocking().getUsage(usage(other, keyId)));
        assertEquals(Status.Code.PERMISSION_DENIED, foreign.getStatus().getCode());
        StatusRuntimeException otherService = assertThrows(StatusRuntimeException.class,
                () -> grpc.blocking().getUsage(usage(TestTokens.forService("invoice-service"), keyId)));
        assertEquals(Status.Code.PERMISSION_DENIED, otherService.getStatus().getCode());
    }

    private static UsageRequest usage(String token, String keyId) {
        return UsageRequest.newBuilder().setToken(token).setKeyId(keyId).build();
    }

    private static void assertUnauthenticated(CheckRequest request) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> grpc.blocking().check(request));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), refused.toString());
    }
}
