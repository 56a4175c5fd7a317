package com.envoyx.invoice.testing;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The dashboard and operator API of the live auth-service, as a customer and an operator use it;
 * {@code jwtKeyDir} holds its signing key, for tests that mint tokens only auth-service could.
 */
public record LiveServices(String authUrl, String adminToken, Path jwtKeyDir) {

    /** A new account, logged in. */
    public Account newAccount() {
        String email = "t" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        String password = "correct horse battery " + UUID.randomUUID();
        given().baseUri(authUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "name", "Test Co"))
                .when().post("/api/v1/auth/register").then().statusCode(201);
        String token = given().baseUri(authUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login").then().statusCode(200)
                .extract().path("data.access_token");
        return new Account(this, token);
    }

    /** A logged-in dashboard user. */
    public record Account(LiveServices services, String bearer) {

        public CreatedKey createKey(String name, List<String> scopes) {
            Map<String, Object> body = scopes == null ? Map.of("name", name) : Map.of("name", name, "scopes", scopes);
            var response = given().baseUri(services.authUrl()).contentType(ContentType.JSON)
                    .header("Authorization", "Bearer " + bearer).body(body)
                    .when().post("/api/v1/api-keys").then().statusCode(201).extract();
            return new CreatedKey(response.path("data.id"), response.path("data.key"));
        }

        public CreatedKey createKey(String name) {
            return createKey(name, null);
        }

        public void revoke(String keyId) {
            given().baseUri(services.authUrl()).header("Authorization", "Bearer " + bearer)
                    .when().post("/api/v1/api-keys/" + keyId + "/revoke").then().statusCode(200);
        }

        /** Sets a key's limit overrides through the operator API. */
        public void setLimits(String keyId, Map<String, Object> limits) {
            given().baseUri(services.authUrl()).contentType(ContentType.JSON)
                    .header("Authorization", "Bearer " + services.adminToken()).body(limits)
                    .when().patch("/api/v1/admin/api-keys/" + keyId + "/limits").then().statusCode(200);
        }

        /**
         * Sets the limits, then asks invoice-service's GET /api/v1/me until it reports them (the
         * change travels as a key event; at most a second). Returns that last /me response.
         */
        public Response setLimitsAndAwait(CreatedKey key, Map<String, Integer> limits) {
            setLimits(key.id(), Map.copyOf(limits));
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            Response me;
            do {
                me = given().header("X-API-Key", key.key()).when().get("/api/v1/me");
                Map<String, Integer> shown = me.path("data.limits");
                if (shown != null && limits.entrySet().stream().allMatch(e -> e.getValue().equals(shown.get(e.getKey())))) {
                    return me;
                }
            } while (System.nanoTime() < deadline);
            throw new AssertionError("limits " + limits + " not in effect within a second: " + me.asString());
        }
    }

    public record CreatedKey(String id, String key) {
    }
}
