package com.envoyx.systemtest.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One customer of the security suite: a logged-in dashboard account (through {@link SuiteClient})
 * calling the API from a client address of its own. Every plaintext key it is given goes to the
 * {@link KeyLedger}.
 */
final class Customer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecuritySuite suite;
    private final SuiteClient client;
    private final String session;
    private final String address;

    private Customer(SecuritySuite suite, SuiteClient client, String session, String address) {
        this.suite = suite;
        this.client = client;
        this.session = session;
        this.address = address;
    }

    static Customer signUp(SecuritySuite suite) throws IOException, InterruptedException {
        SuiteClient client = new SuiteClient(suite.suite());
        return new Customer(suite, client, client.newAccountSession(), SecuritySuite.freshClientAddress());
    }

    /** The same account calling from another address. */
    Customer fromFreshAddress() {
        return new Customer(suite, client, session, SecuritySuite.freshClientAddress());
    }

    String address() {
        return address;
    }

    SuiteClient.CreatedKey createKey(String name) throws IOException, InterruptedException {
        SuiteClient.CreatedKey key = client.createKey(session, name);
        KeyLedger.record(key.key());
        return key;
    }

    /** Create New Key as the dashboard sends it, answered as it is (the key, if any, goes to the ledger). */
    HttpResponse<String> tryCreateKey(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = SuiteClient.post(suite.url("auth") + "/api/v1/api-keys", session, Map.of("name", name));
        if (response.statusCode() == 201) {
            KeyLedger.record(JSON.readTree(response.body()).path("data").path("key").asText());
        }
        return response;
    }

    /** A key that ends at {@code expiresAt}. */
    SuiteClient.CreatedKey createKeyExpiringAt(String name, Instant expiresAt) throws IOException, InterruptedException {
        JsonNode created = expect(201, SuiteClient.post(suite.url("auth") + "/api/v1/api-keys", session,
                Map.of("name", name, "expires_at", expiresAt.toString())));
        SuiteClient.CreatedKey key = new SuiteClient.CreatedKey(created.path("data").path("id").asText(),
                created.path("data").path("key").asText());
        KeyLedger.record(key.key());
        return key;
    }

    void revoke(SuiteClient.CreatedKey key) throws IOException, InterruptedException {
        client.revokeKey(session, key.id());
    }

    /** Rotates with a grace period; returns the successor. */
    SuiteClient.CreatedKey rotate(SuiteClient.CreatedKey key) throws IOException, InterruptedException {
        JsonNode rotated = expect(201, SuiteClient.post(suite.url("auth") + "/api/v1/api-keys/" + key.id() + "/rotate",
                session, Map.of("grace_period_seconds", 3600)));
        SuiteClient.CreatedKey successor = new SuiteClient.CreatedKey(rotated.path("data").path("id").asText(),
                rotated.path("data").path("key").asText());
        KeyLedger.record(successor.key());
        return successor;
    }

    /** Raises a key's limits through the operator API (the "contact support" path). */
    void raiseLimits(SuiteClient.CreatedKey key, int requestsPerMinute, int uploadsPerHour)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.url("auth") + "/api/v1/admin/api-keys/" + key.id() + "/limits"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + suite.adminToken())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("requests_per_minute", requestsPerMinute, "uploads_per_hour", uploadsPerHour))))
                .build();
        expect(200, HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** A GET on invoice-service from this customer's address, with the key if one is given. */
    HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Forwarded-For", address);
        if (apiKey != null) {
            headers.put("X-API-Key", apiKey);
        }
        return SuiteClient.get(suite.url("invoice") + path, headers);
    }

    /** A raw POST on invoice-service from this customer's address. */
    HttpResponse<String> post(String path, String apiKey, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url("invoice") + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.uri() + " but got "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
