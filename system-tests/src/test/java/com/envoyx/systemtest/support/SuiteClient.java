package com.envoyx.systemtest.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.envoyx.infra.mail.Mailbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a customer does in the dashboard, done through auth-service's HTTP API. */
public final class SuiteClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    public static final String VERIFY_SUBJECT = "Verify your email address";

    private final String authUrl;
    /** The mailbox of an address, where the suite's mail can be read; null where verification is off. */
    private final Function<String, Mailbox> mailboxes;

    /** A client of a launched suite: new accounts verify their address through the real mail. */
    public SuiteClient(LaunchedSuite suite) {
        this(suite.url("auth"), suite::mailbox);
    }

    /**
     * A client of the auth-service at {@code authUrl} (e.g. {@code http://127.0.0.1:8081}) that
     * runs with ENVOYX_EMAIL_VERIFICATION=off, so new accounts need no mail.
     */
    public SuiteClient(String authUrl) {
        this(authUrl, null);
    }

    private SuiteClient(String authUrl, Function<String, Mailbox> mailboxes) {
        this.authUrl = authUrl;
        this.mailboxes = mailboxes;
    }

    /** Registers a fresh account (verified through its mail, where there is mail), logs in and returns the dashboard bearer token. */
    public String newAccountSession() throws IOException, InterruptedException {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        expect(201, post(authUrl + "/api/v1/auth/register", null,
                Map.of("email", email, "password", password, "name", "Acme Ltd")));
        if (mailboxes != null) {
            verifyThroughMail(email);
        }
        JsonNode login = expect(200, post(authUrl + "/api/v1/auth/login", null,
                Map.of("email", email, "password", password)));
        return login.path("data").path("access_token").asText();
    }

    /** Opens the link of the address's verification mail, as its owner would. */
    public void verifyThroughMail(String email) throws IOException, InterruptedException {
        String link = mailboxes.apply(email).await(VERIFY_SUBJECT, MAIL_WAIT).firstLink();
        HttpResponse<String> page = get(link, Map.of());
        if (page.statusCode() != 200 || !page.body().contains("Email address verified")) {
            throw new AssertionError("the verification link " + page.uri() + " answered " + page.statusCode());
        }
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
