package com.envoyx.auth.apikey.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The rule a pepper and an operator token must pass before the prod profile starts. */
class SecretsCheckTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void whatTheReadmeSaysToGeneratePasses() {
        for (int i = 0; i < 200; i++) {
            assertEquals(Optional.empty(), SecretsCheck.weakness(Base64.getEncoder().encodeToString(bytes(32))), "openssl rand -base64 32");
            assertEquals(Optional.empty(), SecretsCheck.weakness(HexFormat.of().formatHex(bytes(32))), "openssl rand -hex 32");
            assertEquals(Optional.empty(), SecretsCheck.weakness(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32))));
        }
    }

    @Test
    void placeholdersShortValuesAndPatternsAreRefused() {
        assertTrue(SecretsCheck.weakness("<random secret>").orElseThrow().contains("placeholder"));
        assertTrue(SecretsCheck.weakness("<" + "x".repeat(60) + ">").orElseThrow().contains("placeholder"));
        assertTrue(SecretsCheck.weakness(java.util.UUID.randomUUID().toString()).isPresent(), "a UUID holds 122 bits");
        assertTrue(SecretsCheck.weakness(HexFormat.of().formatHex(bytes(24))).orElseThrow().contains("hex"), "48 hex characters are 24 bytes");
        assertTrue(SecretsCheck.weakness(Base64.getEncoder().encodeToString(bytes(31))).orElseThrow().contains("31 bytes"));
        assertTrue(SecretsCheck.weakness("pepper-secret").orElseThrow().contains("fewer than the 43"));
        assertTrue(SecretsCheck.weakness("a".repeat(80)).isPresent());
        assertTrue(SecretsCheck.weakness("abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc").isPresent());
    }

    @Test
    void onlyTheProdProfileDemandsStrengthButEveryProfileAPepper() {
        String strong = Base64.getEncoder().encodeToString(bytes(32));
        assertEquals(List.of(), SecretsCheck.problems(Optional.of(strong), Optional.of(strong), true));
        assertEquals(List.of(), SecretsCheck.problems(Optional.of("short"), Optional.empty(), false));
        assertTrue(SecretsCheck.problems(Optional.empty(), Optional.empty(), false).get(0).contains("ENVOYX_KEY_PEPPER"));

        List<String> production = SecretsCheck.problems(Optional.of("<random secret>"), Optional.empty(), true);
        assertEquals(2, production.size(), production.toString());
        assertTrue(production.get(0).startsWith("ENVOYX_KEY_PEPPER"));
        assertTrue(production.get(1).startsWith("ENVOYX_ADMIN_TOKEN"));
        assertTrue(SecretsCheck.problems(Optional.of(strong), Optional.of("admin"), true).get(0).startsWith("ENVOYX_ADMIN_TOKEN"));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
