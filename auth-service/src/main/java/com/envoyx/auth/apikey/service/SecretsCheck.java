package com.envoyx.auth.apikey.service;

import java.util.ArrayList;
import java.util.Base64;
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

    /** Bytes of randomness a secret must carry. */
    static final int MIN_BYTES = 32;
    /** Characters of a value that is neither hex nor base64: as many as 32 bytes in base64 without padding. */
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
     * placeholder (anything in angle brackets); fewer than 32 bytes once decoded, where the value
     * is hex (64 characters) or base64 (standard or URL alphabet, padding optional); fewer than 43
     * characters otherwise; or fewer than 10 distinct characters.
     */
    static Optional<String> weakness(String value) {
        if (value.contains("<") || value.contains(">")) {
            return Optional.of("is a template placeholder (" + value.length() + " characters in angle brackets), not a secret");
        }
        if (value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            if (value.length() < MIN_HEX_CHARACTERS) {
                return Optional.of("has " + value.length() + " hex characters, fewer than the " + MIN_HEX_CHARACTERS + " of 32 random bytes");
            }
        } else {
            int decoded = base64Length(value);
            if (decoded >= 0 && decoded < MIN_BYTES) {
                return Optional.of("has " + value.length() + " characters, base64 of " + decoded + " bytes, fewer than 32");
            }
            if (decoded < 0 && value.length() < MIN_CHARACTERS) {
                return Optional.of("has " + value.length() + " characters, fewer than the " + MIN_CHARACTERS + " of 32 random bytes in base64");
            }
        }
        if (value.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("repeats fewer than " + MIN_DISTINCT_CHARACTERS + " distinct characters, which is no random value");
        }
        return Optional.empty();
    }

    /** Bytes the value decodes to as base64 (standard or URL alphabet), or -1 when it is not base64. */
    private static int base64Length(String value) {
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
            try {
                return decoder.decode(value).length;
            } catch (IllegalArgumentException notThisAlphabet) {
                // try the other alphabet
            }
        }
        return -1;
    }
}
