package com.envoyx.auth.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Bad input gets a clear envelope naming the field, and a refused create leaves nothing behind. */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class RequestValidationTest {

    @Test
    void createNamesEachBadField() {
        Dashboard user = Dashboard.signUp();
        assertRefused(user, Map.of(), "name");
        assertRefused(user, Map.of("name", "   "), "name");
        assertRefused(user, Map.of("name", "x".repeat(101)), "name");
        assertRefused(user, Map.of("name", 42), "name");
        assertRefused(user, Map.of("name", "Server", "scopes", List.of()), "scopes");
        assertRefused(user, Map.of("name", "Server", "scopes", List.of("invoices:read", "admin")), "scopes[1]");
        assertRefused(user, Map.of("name", "Server", "scopes", "invoices:read"), "scopes");
        assertRefused(user, Map.of("name", "Server", "environment", "prod"), "environment");
        assertRefused(user, Map.of("name", "Server", "expires_at", "tomorrow"), "expires_at");
        assertRefused(user, Map.of("name", "Server", "expires_at", Instant.now().minusSeconds(5).toString()),
                "expires_at");

        user.request().body(Map.of("environment", "prod", "scopes", List.of("x"))).post("/api/v1/api-keys")
                .then().statusCode(400)
                .body("data.errors.field", hasItems("name", "scopes[0]", "environment"));
        assertEquals(0, keyCount(user));
    }

    @Test
    void limitsAreForOperatorsOnlyAndNothingIsWritten() {
        Dashboard user = Dashboard.signUp();
        user.request().body(Map.of("name", "Greedy", "limits", Map.of("requests_per_minute", 100_000)))
                .post("/api/v1/api-keys")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN")).body("data.field", equalTo("limits"));
        assertEquals(0, keyCount(user));
        user.request().get("/api/v1/audit-events").then().body("data.items.size()", equalTo(0));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Dashboard user = Dashboard.signUp();
        user.request().body(Map.of("name", "Server", "colour", "blue")).post("/api/v1/api-keys")
                .then().statusCode(201);
    }

    @Test
    void malformedJsonIsRefused() {
        Dashboard user = Dashboard.signUp();
        for (String body : List.of("{", "{\"name\": }", "not json", "[1, 2]", "\"text\"")) {
            user.request().body(body).post("/api/v1/api-keys")
                    .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST")).body("success", equalTo(false));
        }
        user.request().post("/api/v1/api-keys").then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"))
                .body("data.errors[0].field", equalTo("body"));
        assertEquals(0, keyCount(user));
    }

    @Test
    void oversizedBodyIsRefused() {
        Dashboard user = Dashboard.signUp();
        user.request().body("{\"name\": \"" + "x".repeat(70_000) + "\"}").post("/api/v1/api-keys")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void wrongContentTypeUnknownRouteAndMethodAreEnvelopes() {
        Dashboard user = Dashboard.signUp();
        user.request().contentType(ContentType.TEXT).body("name=x").post("/api/v1/api-keys")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().get("/api/v1/nothing-here").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        user.request().body(Map.of("name", "x")).put("/api/v1/api-keys")
                .then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void registrationNamesEachBadField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", "short", "name", ""))
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"))
                .body("data.errors.field", hasItems("email", "password", "name"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.example"))
                .post("/api/v1/auth/login")
                .then().statusCode(400).body("data.errors.field", hasItems("password"));
    }

    private static void assertRefused(Dashboard user, Map<String, Object> body, String field) {
        user.request().body(body).post("/api/v1/api-keys")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("data.errors[0].field", equalTo(field));
    }

    private static int keyCount(Dashboard user) {
        return user.request().get("/api/v1/api-keys").then().statusCode(200).extract().jsonPath()
                .getList("data.items").size();
    }
}
