package com.envoyx.invoice.keychain.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.token.InternalTokenClaims;
import com.envoyx.contracts.token.KeyLimitsClaim;
import com.envoyx.invoice.keychain.model.KeyPrincipal;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** The claims of a verified token as SmallRye hands them over (object claims as JSON-P values). */
class TokenVerifierTest {

    @Test
    void limitOverridesAreRead() throws Exception {
        assertEquals(new KeyLimitsClaim(OptionalInt.of(500), OptionalInt.empty(), OptionalInt.of(2)),
                principalWithLimits(Map.of(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, 500,
                        InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, 2)).limits());
    }

    /** As ratelimit-service sizes it: the malformed member keeps its default, the token still works. */
    @Test
    void aMalformedLimitKeepsItsDefaultInsteadOfFailingTheToken() throws Exception {
        assertEquals(new KeyLimitsClaim(OptionalInt.empty(), OptionalInt.of(20), OptionalInt.empty()),
                principalWithLimits(Map.of(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE, "lots",
                        InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, 20,
                        InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS, 2.5)).limits());
    }

    private static KeyPrincipal principalWithLimits(Map<String, Object> limits) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(UUID.randomUUID().toString());
        claims.setClaim(InternalTokenClaims.ACCOUNT_ID, UUID.randomUUID().toString());
        claims.setClaim(InternalTokenClaims.SCOPES, List.of("invoices:read"));
        claims.setClaim(InternalTokenClaims.ENVIRONMENT, "development");
        claims.setClaim(InternalTokenClaims.KEY_NAME, "test");
        claims.setClaim(InternalTokenClaims.KEY_HINT, "envx_dev_\u2026test");
        claims.setClaim(InternalTokenClaims.LIMITS, limits);
        claims.setExpirationTimeMinutesInTheFuture(5);
        return TokenVerifier.toPrincipal(new DefaultJWTCallerPrincipal("token", "JWT", claims), "token");
    }
}
