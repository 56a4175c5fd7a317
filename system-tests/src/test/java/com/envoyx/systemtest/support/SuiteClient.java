package com.envoyx.systemtest.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a customer does in the dashboard, done through auth-service's HTTP API. */
public final class SuiteClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String authUrl;

    public SuiteClient(LaunchedSuite suite) {
        this(suite.url("auth"));
    }

    /** A client of the auth-service at {@code authUrl} (e.g. {@code http://127.0.0.1:8081}). */
    public SuiteClient(String authUrl) {
        this.authUrl = authUrl;
    }

    /** Registers a fresh account, logs in and returns the dashboard bearer token. */
    public String newAccountSession() throws IOException, InterruptedException {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        expect(201, post(authUrl + "/api/v1/auth/register", null,
                Map.of("email", email, "password", password, "name", "Acme Ltd")));
        JsonNode login = expect(200, post(authUrl + "/api/v1/auth/login", null,
                Map.of("email", email, "password", password)));
        return login.path("data").path("access_token").asText();
    }

    /** A key as Create New Key returns it: its id and the plaintext, shown this once. */
    public record CreatedKey(String id, String key) {
    }

    /** Creates a key the way the dashboard's Create New Key does. */
    public CreatedKey createKey(String session, String name) throws IOException, InterruptedException {
        JsonNode created = expect(201, post(authUrl + "/api/v1/api-keys", session, Map.of("name", name)));
        return new CreatedKey(created.path("data").path("id").asText(), created.path("data").path("key").asText());
    }

    public JsonNode revokeKey(String session, String keyId) throws IOException, InterruptedException {
        return expect(200, post(authUrl + "/api/v1/api-keys/" + keyId + "/revoke", session, Map.of()));
    }

    /**
     * What support does for "contact us for higher limits": the operator API sets the key's own
     * limits (members absent from {@code limits} are kept).
     */
    public JsonNode setLimits(String adminToken, String keyId, Map<String, Object> limits)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(authUrl + "/api/v1/admin/api-keys/" + keyId + "/limits"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(limits)))
                .build();
        return expect(200, HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    public static HttpResponse<String> post(String url, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.uri() + " but got "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
