package com.envoyx.auth.token.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AdjustableClock;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.IssuedToken;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.token.InternalTokenClaims;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Tokens verify against the published JWKS the way a consumer (invoice-service, ratelimit-service)
 * checks them: fixed issuer, audience and algorithm. Expired, wrong-issuer, wrong-audience,
 * unsigned, foreign-key and tampered tokens do not.
 */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class InternalTokenVerificationTest {

    private static final String ISSUER = "https://auth.envoyx.internal";
    private static final String AUDIENCE = "envoyx-internal";

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Inject
    SigningKeys signingKeys;

    @Inject
    TokenIssuer tokens;

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void exchangedTokenVerifiesAndCarriesTheContractClaims() throws Exception {
        Dashboard user = Dashboard.signUp();
        JsonPath created = user.createKey(Map.of("name", "Production Server", "scopes", List.of("invoices:write")));
        IssuedToken token = exchange(created.getString("key"));

        JwtClaims claims = consumer().processToClaims(token.getJwt());

        assertEquals(created.getString("id"), claims.getSubject());
        assertEquals(user.accountId(), claims.getStringClaimValue(InternalTokenClaims.ACCOUNT_ID));
        assertEquals(List.of("invoices:write"), claims.getStringListClaimValue(InternalTokenClaims.SCOPES));
        assertEquals("production", claims.getStringClaimValue(InternalTokenClaims.ENVIRONMENT));
        assertEquals("Production Server", claims.getStringClaimValue(InternalTokenClaims.KEY_NAME));
        assertEquals(created.getString("hint"), claims.getStringClaimValue(InternalTokenClaims.KEY_HINT));
        assertEquals(Map.of(), claims.getClaimValue(InternalTokenClaims.LIMITS, Map.class));
        assertEquals(token.getExpiresAt(), claims.getExpirationTime().getValue());
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertFalse(claims.getJwtId().isBlank());
        assertFalse(claims.hasClaim(InternalTokenClaims.SERVICE));
        String header = new String(Base64.getUrlDecoder().decode(token.getJwt().split("\\.")[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"kid\":\"" + signingKeys.keyId() + "\""), header);
        assertTrue(header.contains("\"alg\":\"ES256\""), header);
    }

    /** What invoice-service's dashboard routes admit: the account, the call's one scope, nothing of a key. */
    @Test
    void aDashboardTokenNamesTheAccountAndOnlyTheCallsScope() throws Exception {
        UUID account = UUID.randomUUID();

        assertEquals(List.of("invoices:read"), consumer().processToClaims(tokens.forDashboard(account, Scope.INVOICES_READ))
                .getStringListClaimValue(InternalTokenClaims.SCOPES));
        JwtClaims claims = consumer().processToClaims(tokens.forDashboard(account, Scope.WEBHOOKS_WRITE));

        assertEquals(InternalTokenClaims.DASHBOARD_SUBJECT_PREFIX + account, claims.getSubject());
        assertEquals(Boolean.TRUE, claims.getClaimValue(InternalTokenClaims.DASHBOARD, Boolean.class));
        assertEquals(account.toString(), claims.getStringClaimValue(InternalTokenClaims.ACCOUNT_ID));
        assertEquals(List.of("webhooks:write"), claims.getStringListClaimValue(InternalTokenClaims.SCOPES));
        assertEquals(60, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        for (String keyClaim : List.of(InternalTokenClaims.BUDGET_ID, InternalTokenClaims.ENVIRONMENT,
                InternalTokenClaims.KEY_NAME, InternalTokenClaims.LIMITS, InternalTokenClaims.SERVICE)) {
            assertFalse(claims.hasClaim(keyClaim), keyClaim);
        }
    }

    @Test
    void jwksPublishesTheSigningKeyForSignatures() {
        JsonPath jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age"))
                .extract().jsonPath();
        assertEquals(signingKeys.keyId(), jwks.getString("keys[0].kid"));
        assertEquals("EC", jwks.getString("keys[0].kty"));
        assertEquals("P-256", jwks.getString("keys[0].crv"));
        assertEquals("ES256", jwks.getString("keys[0].alg"));
        assertEquals("sig", jwks.getString("keys[0].use"));
        assertFalse(jwks.getMap("keys[0]").containsKey("d"), "private part published");
    }

    @Test
    void tokenNeverOutlivesItsKey() throws Exception {
        Instant keyExpiry = Instant.now().plusSeconds(90);
        String key = Dashboard.signUp().createKey(Map.of("name", "Short-lived", "expires_at", keyExpiry.toString()))
                .getString("key");

        IssuedToken token = exchange(key);

        assertEquals(keyExpiry.getEpochSecond(), token.getExpiresAt());
        assertEquals(keyExpiry.getEpochSecond(), consumer().processToClaims(token.getJwt()).getExpirationTime().getValue());
    }

    @Test
    void expiredTokenIsRefused() {
        String key = Dashboard.signUp().createKey("Old Server").getString("key");
        clock.advance(Duration.ofMinutes(-10));
        String minted = exchange(key).getJwt();
        clock.reset();

        assertThrows(InvalidJwtException.class, () -> consumer().process(minted));
    }

    @Test
    void wrongIssuerAndWrongAudienceAreRefused() {
        String wrongIssuer = signedWithServiceKey("https://evil.example", AUDIENCE);
        String wrongAudience = signedWithServiceKey(ISSUER, "someone-else");
        String right = signedWithServiceKey(ISSUER, AUDIENCE);

        assertThrows(InvalidJwtException.class, () -> consumer().process(wrongIssuer));
        assertThrows(InvalidJwtException.class, () -> consumer().process(wrongAudience));
        assertDoesNotThrow(right);
    }

    @Test
    void unsignedTokenIsRefused() {
        String payload = token(Dashboard.signUp()).split("\\.")[1];
        String header = base64Url("{\"alg\":\"none\",\"kid\":\"" + signingKeys.keyId() + "\"}");

        assertThrows(InvalidJwtException.class, () -> consumer().process(header + "." + payload + "."));
    }

    @Test
    void tamperedTokenIsRefused() {
        String[] parts = token(Dashboard.signUp()).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherAccount = claims.replaceFirst("\"acct\":\"[^\"]+\"", "\"acct\":\"" + UUID.randomUUID() + "\"");
        assertFalse(otherAccount.equals(claims));

        assertThrows(InvalidJwtException.class,
                () -> consumer().process(parts[0] + "." + base64Url(otherAccount) + "." + parts[2]));
    }

    @Test
    void tokenSignedByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        java.security.KeyPair foreign = EcKeys.generate();
        String forged = Jwt.claims().issuer(ISSUER).audience(AUDIENCE).subject(UUID.randomUUID().toString())
                .expiresIn(60).jws().keyId(signingKeys.keyId()).algorithm(SignatureAlgorithm.ES256)
                .sign(foreign.getPrivate());

        assertThrows(InvalidJwtException.class, () -> consumer().process(forged));
    }

    @Test
    void serviceTokenNamesAuthService() throws Exception {
        JwtClaims claims = consumer().processToClaims(tokens.serviceToken());

        assertEquals("auth-service", claims.getSubject());
        assertEquals("auth-service", claims.getStringClaimValue(InternalTokenClaims.SERVICE));
        assertTrue(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() <= 60);
    }

    private void assertDoesNotThrow(String jwt) {
        try {
            consumer().process(jwt);
        } catch (InvalidJwtException e) {
            throw new AssertionError("a correct token was refused: " + e.getMessage(), e);
        }
    }

    private String signedWithServiceKey(String issuer, String audience) {
        return Jwt.claims().issuer(issuer).audience(audience).subject(UUID.randomUUID().toString())
                .issuedAt(Instant.now()).expiresIn(60)
                .jws().keyId(signingKeys.keyId()).algorithm(SignatureAlgorithm.ES256)
                .sign(signingKeys.signingKey());
    }

    private String token(Dashboard user) {
        return exchange(user.createKey("Some Server").getString("key")).getJwt();
    }

    private IssuedToken exchange(String key) {
        return exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build()).getToken();
    }

    /** A verifier configured like the other services: JWKS keys, fixed issuer, audience and ES256 only. */
    private static JwtConsumer consumer() {
        try {
            JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
            return new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireSubject()
                    .setExpectedIssuer(ISSUER)
                    .setExpectedAudience(AUDIENCE)
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .build();
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError("JWKS does not parse", e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
