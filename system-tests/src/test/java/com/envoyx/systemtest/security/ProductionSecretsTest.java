package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.systemtest.support.LaunchedSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Issue 15 item 8: the packaged auth-service (prod profile, as Kubernetes and the launcher run it)
 * refuses to start without a key pepper and an operator token of 32 random bytes each: missing,
 * short, or the very values of the repository's Secret template (so the template cannot be applied
 * as it is). With proper values it starts; the launched suites of every other test prove that the
 * launcher supplies them.
 */
class ProductionSecretsTest {

    private static Path work;
    private static Map<String, String> template;

    @BeforeAll
    static void setUp() throws Exception {
        work = StartupAttempt.workDirectory();
        JsonNode secret = new ObjectMapper(new YAMLFactory()).readTree(LaunchedSuite.repositoryRoot()
                .resolve(Path.of("deploy", "k8s", "secrets", "envoyx-auth.yaml.example")).toFile());
        template = Map.of("ENVOYX_KEY_PEPPER", secret.path("stringData").path("key-pepper").asText(),
                "ENVOYX_ADMIN_TOKEN", secret.path("stringData").path("admin-token").asText());
        assertFalse(template.containsValue(""), "the template names both secrets: " + template);
    }

    @AfterAll
    static void tearDown() {
        StartupAttempt.delete(work);
    }

    @Test
    void aMissingPepperIsRefused() throws Exception {
        assertRefused(Map.of("ENVOYX_KEY_PEPPER", ""), "ENVOYX_KEY_PEPPER is not set");
    }

    @Test
    void aShortPepperIsRefused() throws Exception {
        assertRefused(Map.of("ENVOYX_KEY_PEPPER", "pepper-secret"), "ENVOYX_KEY_PEPPER has 13 characters, fewer than the 43");
    }

    @Test
    void theTemplatesValuesAreRefused() throws Exception {
        StartupAttempt.Outcome outcome = assertRefused(template, "ENVOYX_KEY_PEPPER is a template placeholder");
        assertTrue(outcome.output().contains("ENVOYX_ADMIN_TOKEN is a template placeholder"), outcome.output());
    }

    @Test
    void aMissingOrGuessableOperatorTokenIsRefused() throws Exception {
        assertRefused(Map.of("ENVOYX_ADMIN_TOKEN", ""), "ENVOYX_ADMIN_TOKEN is not set");
        assertRefused(Map.of("ENVOYX_ADMIN_TOKEN", UUID.randomUUID().toString()), "ENVOYX_ADMIN_TOKEN has 36 characters, base64 of 27 bytes");
    }

    @Test
    void properSecretsStart() throws Exception {
        StartupAttempt.Outcome outcome = StartupAttempt.run("auth", StartupAttempt.startableEnvironment(work));
        assertTrue(outcome.started(), outcome.output());
    }

    private static StartupAttempt.Outcome assertRefused(Map<String, String> change, String reason) throws Exception {
        Map<String, String> environment = StartupAttempt.startableEnvironment(work);
        change.forEach((name, value) -> {
            if (value.isEmpty()) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        StartupAttempt.Outcome outcome = StartupAttempt.run("auth", environment);
        assertFalse(outcome.started(), "auth-service started with " + change.keySet() + " " + reason);
        assertNotEquals(0, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().contains(reason), "expected '" + reason + "' in:\n" + outcome.output());
        assertTrue(outcome.output().contains("openssl rand -base64 32"), "the message says how to generate one");
        return outcome;
    }
}
