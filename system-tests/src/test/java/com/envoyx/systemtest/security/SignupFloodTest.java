package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.LaunchedSuite;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 15 item 2 against a launched suite of its own (the deployed sign-up budget, forwarded
 * client addresses trusted from the test): 200 registrations and 200 logins at once are each
 * answered (201, 401, 429 or 503 with Retry-After, never a reset) by the same auth-service
 * process, which the bounded Argon2 pool keeps within its heap; one address gets 10 sign-ups.
 */
class SignupFloodTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> ANSWERS = Set.of(201, 401, 429, 503);

    private static LaunchedSuite suite;
    private static String auth;

    @BeforeAll
    static void start() throws Exception {
        suite = LaunchedSuite.start(Map.of(
                "ENVOYX_SIGNUP_MAX_PER_ADDRESS", "10",
                "ENVOYX_TRUST_PROXY", "true",
                "ENVOYX_TRUSTED_PROXIES", "127.0.0.1"));
        auth = suite.url("auth");
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    @Test
    void twoHundredSignupsAndLoginsAtOnceAreAllAnsweredByTheSameProcess() throws Exception {
        ProcessHandle before = authProcess();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String email = "flood-" + UUID.randomUUID() + "@example.com";
            answers.add(send(client, "/api/v1/auth/register", SecuritySuite.freshClientAddress(),
                    Map.of("email", email, "password", "correct horse battery staple", "name", "Flood")));
            answers.add(send(client, "/api/v1/auth/login", SecuritySuite.freshClientAddress(),
                    Map.of("email", email, "password", "not the password at all")));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertTrue(ANSWERS.contains(response.statusCode()), response.statusCode() + " " + response.body());
            if (response.statusCode() == 503) {
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            }
        }
        System.out.println("400 parallel sign-ups and logins answered: " + statuses);
        ProcessHandle after = authProcess();
        assertEquals(before.pid(), after.pid(), "auth-service was restarted");
        assertTrue(after.isAlive());
    }

    @Test
    void oneAddressGetsTenSignupsPerWindow() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String address = SecuritySuite.freshClientAddress();
        for (int i = 0; i < 10; i++) {
            assertEquals(201, register(client, address).statusCode());
        }
        HttpResponse<String> refused = register(client, address);
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("RATE_LIMIT_EXCEEDED", JSON.readTree(refused.body()).path("code").asText());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(201, register(client, SecuritySuite.freshClientAddress()).statusCode());
    }

    private static HttpResponse<String> register(HttpClient client, String address) {
        return send(client, "/api/v1/auth/register", address, Map.of(
                "email", "budget-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery staple", "name", "Budget")).join();
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient client, String path, String address,
            Map<String, String> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(auth + path))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProcessHandle authProcess() {
        return suite.descendants().stream()
                .filter(process -> process.info().commandLine().orElse("").contains("auth-service"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no auth-service process under the launcher"));
    }
}
