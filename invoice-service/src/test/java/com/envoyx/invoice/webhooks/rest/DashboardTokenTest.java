package com.envoyx.invoice.webhooks.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import com.envoyx.invoice.testing.TestPdfs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The dashboard's way in: a token signed with auth-service's real key (read from its key directory,
 * as auth-service's dashboard mints it) is an account's session on the webhooks routes and on the
 * invoice routes of the dashboard's Invoices page (list, one invoice, its file, a status change) and
 * nothing else (upload, delete, the WebSocket ticket, /me stay key-only); expired, forged,
 * key-shaped or under-scoped tokens are refused, and a request with neither header still gets the
 * seed's 401 MISSING_API_KEY.
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
        dashboard.get("/api/v1/me").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        dashboard.post("/api/v1/ws/ticket").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        // An invoices route of the page, but the token's scope is webhooks:write only.
        dashboard.get("/api/v1/invoices").then().statusCode(403).body("code", equalTo("INSUFFICIENT_SCOPE"));
    }

    @Test
    void aDashboardTokenReadsAndReviewsTheAccountsInvoices() throws Exception {
        String key = account.createKey("uploads").key();
        String invoiceId = given().header("X-API-Key", key).multiPart("file", "dash.pdf", TestPdfs.minimal(), "application/pdf")
                .post("/api/v1/invoices/upload").then().statusCode(201).extract().path("data.id");
        String otherId = given().header("X-API-Key", LiveServicesResource.services().newAccount().createKey("other").key())
                .multiPart("file", "other.pdf", TestPdfs.minimal(), "application/pdf")
                .post("/api/v1/invoices/upload").then().statusCode(201).extract().path("data.id");
        RequestSpecification reader = bearer(sign(dashboardClaims(accountId, 60, "invoices:read"), authKey()));

        reader.get("/api/v1/invoices?status_filter=&page=1&page_size=20").then().statusCode(200)
                .body("data.total", equalTo(1)).body("data.invoices[0].id", equalTo(invoiceId));
        reader.get("/api/v1/invoices/" + invoiceId).then().statusCode(200).body("data.file_name", equalTo("dash.pdf"));
        byte[] pdf = reader.get("/api/v1/invoices/" + invoiceId + "/file").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(TestPdfs.minimal(), pdf);
        reader.get("/api/v1/invoices/" + otherId).then().statusCode(404);
        reader.body(Map.of("status", "APPROVED")).patch("/api/v1/invoices/" + invoiceId + "/status").then()
                .statusCode(403).body("code", equalTo("INSUFFICIENT_SCOPE"));

        // Admitted: the answer is the transition's (200 once processed, 409 while it is not yet).
        int decided = bearer(sign(dashboardClaims(accountId, 60, "invoices:write"), authKey()))
                .body(Map.of("status", "APPROVED")).patch("/api/v1/invoices/" + invoiceId + "/status")
                .then().extract().statusCode();
        assertTrue(decided == 200 || decided == 409, "status change answered " + decided);
    }

    @Test
    void aDashboardTokenNeverUploadsDeletesOrReachesOtherInvoicePaths() throws Exception {
        String key = account.createKey("uploads").key();
        String invoiceId = given().header("X-API-Key", key).multiPart("file", "keep.pdf", TestPdfs.minimal(), "application/pdf")
                .post("/api/v1/invoices/upload").then().statusCode(201).extract().path("data.id");
        String token = sign(dashboardClaims(accountId, 60, "invoices:read", "invoices:write"), authKey());

        given().header("Authorization", "Bearer " + token).multiPart("file", "x.pdf", TestPdfs.minimal(), "application/pdf")
                .post("/api/v1/invoices/upload").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        bearer(token).delete("/api/v1/invoices/" + invoiceId).then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        bearer(token).get("/api/v1/invoices/not-a-uuid").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        bearer(token).get("/api/v1/invoices/" + invoiceId + "/other").then().statusCode(401)
                .body("code", equalTo("MISSING_API_KEY"));
        bearer(token).body(Map.of("status", "APPROVED")).put("/api/v1/invoices/" + invoiceId + "/status").then()
                .statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        bearer(token).post("/api/v1/ws/ticket").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        given().header("X-API-Key", key).get("/api/v1/invoices/" + invoiceId).then().statusCode(200);

        // Without a valid token: expired, forged, or none at all.
        bearer(sign(dashboardClaims(accountId, -120, "invoices:read"), authKey())).get("/api/v1/invoices").then()
                .statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        bearer(sign(dashboardClaims(accountId, 60, "invoices:read"), generator.generateKeyPair().getPrivate()))
                .get("/api/v1/invoices/" + invoiceId).then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().get("/api/v1/invoices").then().statusCode(401).body("code", equalTo("MISSING_API_KEY"));
        // A key, when sent, decides: a bad one is the seed's 403 whatever the bearer token.
        bearer(token).header("X-API-Key", "envx_live_notavalidkey").get("/api/v1/invoices").then().statusCode(403)
                .body("code", equalTo("INVALID_API_KEY"));
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
        return dashboardClaims(accountId, expiresInSeconds, "webhooks:write");
    }

    private static JwtClaims dashboardClaims(String accountId, long expiresInSeconds, String... scopes) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://auth.envoyx.internal");
        claims.setAudience("envoyx-internal");
        claims.setSubject(InternalTokenClaims.DASHBOARD_SUBJECT_PREFIX + accountId);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 300));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + expiresInSeconds));
        claims.setClaim(InternalTokenClaims.DASHBOARD, true);
        claims.setClaim(InternalTokenClaims.ACCOUNT_ID, accountId);
        claims.setClaim(InternalTokenClaims.SCOPES, List.of(scopes));
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
