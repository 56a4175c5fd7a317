package com.envoyx.auth.apikey.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.envoyx.auth.apikey.config.AdminConfig;
import com.envoyx.auth.apikey.config.ApiKeyConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Refuses to start without the secrets the service's promises rest on (issue 15 item 8). In every
 * profile the key pepper must be set: a missing one never falls back to a plain hash. In the prod
 * profile (the packaged jar, as Kubernetes and the launcher run it) the pepper and the operator
 * token must each hold at least 32 random bytes, by the rule of {@link #weakness(String)}, so a
 * template's placeholder or a short word cannot go live.
 */
@ApplicationScoped
public class SecretsCheck {

    /** Characters of a value that is not hex: 32 bytes in base64 without padding (openssl rand -base64 32 prints 44). */
    static final int MIN_CHARACTERS = 43;
    /** Characters of a hex value: 32 bytes. */
    static final int MIN_HEX_CHARACTERS = 64;
    /** Fewer distinct characters than this is a pattern ("aaaa...", "0000..."), not randomness. */
    static final int MIN_DISTINCT_CHARACTERS = 10;

    void check(@Observes @Priority(2) StartupEvent event, ApiKeyConfig keys, AdminConfig admin) {
        List<String> problems = problems(keys.keyPepper(), admin.token(), ConfigUtils.isProfileActive("prod"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join(" ", problems)
                    + " Generate each with: openssl rand -base64 32 (deploy/README.md, \"Secrets\").");
        }
    }

    static List<String> problems(Optional<String> pepper, Optional<String> adminToken, boolean production) {
        List<String> problems = new ArrayList<>();
        if (pepper.isEmpty() || pepper.get().isBlank()) {
            problems.add("ENVOYX_KEY_PEPPER is not set: stored key hashes must be HMACs under a secret pepper.");
        } else if (production) {
            weakness(pepper.get()).ifPresent(why -> problems.add("ENVOYX_KEY_PEPPER " + why + "."));
        }
        if (production) {
            if (adminToken.isEmpty() || adminToken.get().isBlank()) {
                problems.add("ENVOYX_ADMIN_TOKEN is not set: the prod profile needs an operator token of 32+ random bytes.");
            } else {
                weakness(adminToken.get()).ifPresent(why -> problems.add("ENVOYX_ADMIN_TOKEN " + why + "."));
            }
        }
        return problems;
    }

    /**
     * Why a value cannot be a secret of 32 random bytes, or empty when it can: a template's
     * placeholder (anything in angle brackets), fewer than 64 characters if it is hex, fewer than 43
     * otherwise (base64 of 32 bytes), or fewer than 10 distinct characters.
     */
    static Optional<String> weakness(String value) {
        if (value.contains("<") || value.contains(">")) {
            return Optional.of("is a template placeholder (" + value.length() + " characters in angle brackets), not a secret");
        }
        boolean hex = value.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        int needed = hex ? MIN_HEX_CHARACTERS : MIN_CHARACTERS;
        if (value.length() < needed) {
            return Optional.of("has " + value.length() + " characters, fewer than the " + needed
                    + (hex ? " hex" : "") + " characters of 32 random bytes");
        }
        if (value.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("repeats fewer than " + MIN_DISTINCT_CHARACTERS + " distinct characters, which is no random value");
        }
        return Optional.empty();
    }
}
