package com.envoyx.invoice.webhooks.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.contracts.token.InternalTokenClaims;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The dashboard's way in: a token signed with auth-service's real key (read from its key directory,
 * as auth-service's dashboard mints it) is an account's session on the webhooks routes and nothing
 * else; expired, forged, key-shaped or under-scoped tokens are refused, and a request with neither
 * header still gets the seed's 401 MISSING_API_KEY.
 */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
class DashboardTokenTest {

    private static final String PUBLIC_URL = "https://203.0.113.20/envoyx";

    private LiveServices.Account account;
    private String accountId;
    private String keyId;

    @BeforeEach
    void newAccount() {
        LiveServices services = LiveServicesResource.services();
        account = services.newAccount();
        accountId = given().baseUri(services.authUrl()).header("Authorization", "Bearer " + account.bearer())
                .get("/api/v1/auth/session").then().statusCode(200).extract().path("data.account.id");
        keyId = given().baseUri(services.authUrl()).get("/.well-known/jwks.json").then().statusCode(200)
                .extract().path("keys[0].kid");
    }

    @Test
    void aDashboardTokenManagesTheAccountsWebhooks() throws Exception {
        String key = account.createKey("webhooks").key();
        String byKey = given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("url", PUBLIC_URL))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("data.id");
        RequestSpecification dashboard = bearer(sign(dashboardClaims(accountId, 60), authKey()));

        dashboard.get("/api/v1/webhooks").then().statusCode(200).body("code", equalTo("WEBHOOKS_FETCHED"))
                .body("data", hasSize(1)).body("data[0].id", equalTo(byKey));
        String byDashboard = dashboard.body(Map.of("url", PUBLIC_URL, "description", "from the dashboard"))
                .post("/api/v1/webhooks").then().statusCode(201).body("code", equalTo("WEBHOOK_CREATED"))
                .extract().path("data.id");
        given().header("X-API-Key", key).get("/api/v1/webhooks/" + byDashboard).then().statusCode(200)
                .body("data.description", equalTo("from the dashboard"));
    }

    @Test
    void aDashboardTokenIsNoKeyOnOtherRoutes() throws Exception {
        RequestSpecification dashboard = bearer(sign(dashboardClaims(accountId, 60), authKey()));
        dashboard.get("/api/v1/invoices").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        dashboard.get("/api/v1/me").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        dashboard.post("/api/v1/ws/ticket").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
    }

    @Test
    void neitherHeaderIsStillTheSeedsMissingKey() {
        given().get("/api/v1/webhooks").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        given().header("Authorization", "Basic Zm9vOmJhcg==").get("/api/v1/webhooks").then().statusCode(401)
                .body("code", equalTo("MISSING_API_KEY"));
    }

    @Test
    void expiredForgedKeyShapedAndUnderScopedTokensAreRefused() throws Exception {
        bearer(sign(dashboardClaims(accountId, -120), authKey())).get("/api/v1/webhooks").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        bearer(sign(dashboardClaims(accountId, 60), generator.generateKeyPair().getPrivate()))
                .get("/api/v1/webhooks").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));

        JwtClaims keyShaped = dashboardClaims(accountId, 60);
        keyShaped.unsetClaim(InternalTokenClaims.DASHBOARD);
        bearer(sign(keyShaped, authKey())).get("/api/v1/webhooks").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
        JwtClaims otherAccount = dashboardClaims(accountId, 60);
        otherAccount.setSubject(InternalTokenClaims.DASHBOARD_SUBJECT_PREFIX + UUID.randomUUID());
        bearer(sign(otherAccount, authKey())).get("/api/v1/webhooks").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));

        JwtClaims readOnly = dashboardClaims(accountId, 60);
        readOnly.setClaim(InternalTokenClaims.SCOPES, List.of("invoices:read"));
        bearer(sign(readOnly, authKey())).get("/api/v1/webhooks").then().statusCode(403)
                .body("code", equalTo("INSUFFICIENT_SCOPE"));
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static JwtClaims dashboardClaims(String accountId, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://auth.envoyx.internal");
        claims.setAudience("envoyx-internal");
        claims.setSubject(InternalTokenClaims.DASHBOARD_SUBJECT_PREFIX + accountId);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 300));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + expiresInSeconds));
        claims.setClaim(InternalTokenClaims.DASHBOARD, true);
        claims.setClaim(InternalTokenClaims.ACCOUNT_ID, accountId);
        claims.setClaim(InternalTokenClaims.SCOPES, List.of("webhooks:write"));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private String sign(JwtClaims claims, PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return jws.getCompactSerialization();
    }

    private static PrivateKey authKey() throws Exception {
        String pem = Files.readString(LiveServicesResource.services().jwtKeyDir().resolve("signing-key.pem"));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
