package com.envoyx.auth.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@TestProfile(AuthTestProfile.class)
class DashboardPagesTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=", Pattern.CASE_INSENSITIVE);

    @Test
    void aVisitorWithoutSessionSeesTheLogInFormUnderStrictHeaders() {
        Response page = given().redirects().follow(false).get("/");
        page.then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                        containsString("script-src 'self'"), containsString("frame-ancestors 'none'"),
                        not(containsString("unsafe-inline"))))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .body(allOf(containsString("id=\"login-form\""), containsString("type=\"email\""),
                        containsString("type=\"password\""), containsString("type=\"submit\""),
                        containsString("href=\"/signup\"")));
        assertFalse(INLINE_SCRIPT.matcher(page.asString()).find(), "no inline script");
        assertFalse(INLINE_STYLE.matcher(page.asString()).find(), "no inline style");
        given().get("/signup").then().statusCode(200).body(containsString("id=\"signup-form\""));
    }

    @Test
    void theScriptAndStylesheetComeFromTheServiceItself() {
        given().get("/assets/dashboard.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("X-CSRF-Token"));
        given().get("/assets/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void pagesOfTheSettingsAskForALogInFirst() {
        for (String path : new String[] {"/settings/api-keys", "/settings/audit-log",
                "/settings/api-keys/" + UUID.randomUUID()}) {
            given().redirects().follow(false).get(path).then().statusCode(303).header("Location", endsWith("/"));
            given().redirects().follow(false).cookie("envoyx_session", "not-a-session").get(path)
                    .then().statusCode(303).header("Location", endsWith("/"));
        }
    }

    @Test
    void aSignedInVisitorGoesStraightToTheirKeys() {
        Dashboard user = Dashboard.signUp();
        for (String path : new String[] {"/", "/signup"}) {
            page(user).redirects().follow(false).get(path).then().statusCode(303)
                    .header("Location", endsWith("/settings/api-keys"));
        }
    }

    @Test
    void theKeysPageListsTheAccountsKeysNewestFirstWithoutTheirSecrets() {
        Dashboard user = Dashboard.signUp();
        page(user).get("/settings/api-keys").then().statusCode(200)
                .body(allOf(containsString("id=\"empty-state\""), containsString("Settings &gt; API Keys"),
                        containsString("Create New Key"), containsString("Production Server"),
                        containsString("<meta name=\"csrf-token\" content=\"" + user.csrfToken() + "\">")));

        String olderKey = user.createKey("Staging Environment").getString("key");
        var newer = user.createKey("Production Server");
        String html = page(user).get("/settings/api-keys").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body(allOf(not(containsString("id=\"empty-state\"")), containsString(newer.getString("hint")),
                        containsString("Security best practices")))
                .extract().asString();
        assertTrue(html.indexOf("Production Server</th>") < html.indexOf("Staging Environment</th>"), "newest first");
        assertFalse(html.contains(olderKey) || html.contains(newer.getString("key")), "no plaintext key in the page");
        assertFalse(INLINE_SCRIPT.matcher(html).find(), "no inline script");
        assertFalse(INLINE_STYLE.matcher(html).find(), "no inline style");

        Dashboard stranger = Dashboard.signUp();
        page(stranger).get("/settings/api-keys").then().statusCode(200)
                .body(allOf(containsString("id=\"empty-state\""), not(containsString(newer.getString("hint")))));
        for (String id : new String[] {newer.getString("id"), UUID.randomUUID().toString(), "not-a-uuid"}) {
            page(stranger).get("/settings/api-keys/" + id).then().statusCode(404)
                    .contentType(startsWith("text/html"))
                    .body(allOf(containsString("id=\"not-found\""), not(containsString("Production Server"))));
        }
    }

    @Test
    void aKeysPageShowsLastUseAndSaysSoWhenUsageIsUnavailable() {
        Dashboard user = Dashboard.signUp();
        var key = user.createKey("Production Server");
        page(user).get("/settings/api-keys/" + key.getString("id")).then().statusCode(200)
                .body(allOf(containsString("<h1>Production Server</h1>"), containsString(key.getString("hint")),
                        containsString("id=\"last-used\">Never"), containsString("id=\"usage-unavailable\"")));
    }

    @Test
    void theAuditLogPageShowsTheAccountsChanges() {
        Dashboard user = Dashboard.signUp();
        String id = user.createKey("Old Server").getString("id");
        user.request().header("X-CSRF-Token", user.csrfToken()).post("/api/v1/api-keys/" + id + "/revoke")
                .then().statusCode(200);
        page(user).get("/settings/audit-log").then().statusCode(200)
                .body(allOf(containsString("api_key.revoked"), containsString("api_key.created"),
                        containsString("Old Server"), containsString(user.email())));
        page(Dashboard.signUp()).get("/settings/audit-log").then().statusCode(200)
                .body(allOf(containsString("id=\"audit-empty\""), not(containsString("Old Server"))));
    }

    @Test
    void theApiAnswerThatCarriesANewKeyIsNeverCached() {
        Dashboard.signUp().request().body("{\"name\":\"Production Server\"}").post("/api/v1/api-keys")
                .then().statusCode(201).header("Cache-Control", "no-store");
    }

    @Test
    void aCookieSessionCannotChangeAnythingWithoutItsCsrfToken() {
        Dashboard user = Dashboard.signUp();
        given().cookie("envoyx_session", user.accessToken()).contentType("application/json")
                .body("{\"name\":\"Forged\"}").post("/api/v1/api-keys")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().cookie("envoyx_session", user.accessToken()).header("X-CSRF-Token", user.csrfToken())
                .contentType("application/json").body("{\"name\":\"Mine\"}").post("/api/v1/api-keys")
                .then().statusCode(201);
    }

    private static RequestSpecification page(Dashboard user) {
        return given().cookie("envoyx_session", user.accessToken());
    }
}
