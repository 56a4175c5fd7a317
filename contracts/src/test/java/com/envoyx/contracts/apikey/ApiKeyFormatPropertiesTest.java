package com.envoyx.contracts.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Property tests over generated keys and inputs. Each property runs many random cases from one
 * seed that every failure message names, so a failure can be replayed with that seed.
 */
class ApiKeyFormatPropertiesTest {

    private static final String PRINTABLE_AND_CONTROL = Base62.ALPHABET + "_-+/=.~ \t\u0000\u00e9\u202e";
    private static final int CASES = 2_000;

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @Test
    void everyGeneratedKeyParsesBackToItsEnvironment() {
        for (int i = 0; i < CASES; i++) {
            ApiKeyEnvironment env = anyEnvironment();
            String key = ApiKeyFormat.generate(env, deterministic(random.nextLong()));

            ParsedApiKey parsed = ApiKeyFormat.parse(key).orElseThrow(() -> failure("refused a generated key"));

            assertEquals(env, parsed.environment(), replay());
            assertEquals(key, parsed.value(), replay());
            assertTrue(key.startsWith("envx_" + env.keyTag() + "_"), replay());
            assertEquals(ApiKeyFormat.PREFIX.length() + env.keyTag().length() + 1
                    + ApiKeyFormat.RANDOM_LENGTH + ApiKeyFormat.CHECKSUM_LENGTH, key.length(), replay());
        }
    }

    @Test
    void anySingleCharacterChangeFailsTheCheck() {
        for (int i = 0; i < CASES; i++) {
            String key = ApiKeyFormat.generate(anyEnvironment(), deterministic(random.nextLong()));
            int position = random.nextInt(key.length());
            char replacement = PRINTABLE_AND_CONTROL.charAt(random.nextInt(PRINTABLE_AND_CONTROL.length()));
            if (key.charAt(position) == replacement) {
                continue;
            }
            String changed = key.substring(0, position) + replacement + key.substring(position + 1);

            assertTrue(ApiKeyFormat.parse(changed).isEmpty(), "accepted a change at " + position + "; " + replay());
        }
    }

    @Test
    void everyPositionOfOneKeyIsGuardedAgainstEveryBase62Substitution() {
        String key = ApiKeyFormat.generate(ApiKeyEnvironment.PRODUCTION, deterministic(random.nextLong()));
        for (int position = 0; position < key.length(); position++) {
            for (char replacement : Base62.ALPHABET.toCharArray()) {
                if (key.charAt(position) == replacement) {
                    continue;
                }
                String changed = key.substring(0, position) + replacement + key.substring(position + 1);
                assertTrue(ApiKeyFormat.parse(changed).isEmpty(), "accepted a change at " + position + "; " + replay());
            }
        }
    }

    @Test
    void arbitraryStringsAreRefusedWithoutException() {
        for (int i = 0; i < CASES; i++) {
            String shaped = "envx_live_" + randomString(38);
            String free = randomString(random.nextInt(200));
            // A random body matches its checksum with probability 2^-32: treat acceptance as a failure.
            assertTrue(ApiKeyFormat.parse(shaped).isEmpty(), replay());
            assertTrue(ApiKeyFormat.parse(free).isEmpty(), replay());
        }
        assertTrue(ApiKeyFormat.parse(null).isEmpty());
        assertTrue(ApiKeyFormat.parse("").isEmpty());
        assertTrue(ApiKeyFormat.parse("x".repeat(10_240)).isEmpty());
    }

    @Test
    void truncatedAndExtendedKeysAreRefused() {
        for (int i = 0; i < CASES; i++) {
            String key = ApiKeyFormat.generate(anyEnvironment(), deterministic(random.nextLong()));
            int cut = 1 + random.nextInt(5);

            assertTrue(ApiKeyFormat.parse(key.substring(0, key.length() - cut)).isEmpty(), replay());
            assertTrue(ApiKeyFormat.parse(key + key.substring(0, cut)).isEmpty(), replay());
        }
    }

    @Test
    void hintShowsPrefixAndLastFourOnly() {
        for (int i = 0; i < 100; i++) {
            ApiKeyEnvironment env = anyEnvironment();
            String key = ApiKeyFormat.generate(env, deterministic(random.nextLong()));

            String hint = ApiKeyFormat.hint(key);

            assertEquals("envx_" + env.keyTag() + "_\u2026" + key.substring(key.length() - 4), hint, replay());
            ParsedApiKey parsed = ApiKeyFormat.parse(key).orElseThrow();
            assertEquals(hint, parsed.hint());
            assertFalse(parsed.toString().contains(key), "toString leaked the key");
        }
    }

    @Test
    void keysFromARealSecureRandomAreDistinct() {
        SecureRandom secure = new SecureRandom();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ApiKeyFormat.generate(ApiKeyEnvironment.STAGING, secure)));
        }
    }

    private ApiKeyEnvironment anyEnvironment() {
        ApiKeyEnvironment[] all = ApiKeyEnvironment.values();
        return all[random.nextInt(all.length)];
    }

    private String randomString(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(PRINTABLE_AND_CONTROL.charAt(random.nextInt(PRINTABLE_AND_CONTROL.length())));
        }
        return text.toString();
    }

    private String replay() {
        return "replay with seed " + seed;
    }

    private AssertionError failure(String what) {
        return new AssertionError(what + "; " + replay());
    }

    /** Key generation fed from a seeded source, so a failing case is reproducible. */
    private static SecureRandom deterministic(long caseSeed) {
        Random source = new Random(caseSeed);
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public int nextInt(int bound) {
                return source.nextInt(bound);
            }
        };
    }
}
