package com.envoyx.auth.account.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.account.config.LoginConfig;

/** Argon2id hashes in PHC form: they verify, refuse other passwords, and carry their parameters. */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new SmallParameters(), null);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = hasher.hashNow("correct horse battery staple");

        assertTrue(PasswordHasher.verifyNow("correct horse battery staple", hash));
        assertFalse(PasswordHasher.verifyNow("correct horse battery stapler", hash));
        assertFalse(PasswordHasher.verifyNow("", hash));
    }

    @Test
    void theStringNamesAlgorithmAndParametersAndSaltsEveryHash() {
        String first = hasher.hashNow("same password");
        String second = hasher.hashNow("same password");

        assertTrue(first.startsWith("$argon2id$v=19$m=256,t=1,p=1$"), first);
        assertNotEquals(first, second);
        assertFalse(first.contains("same password"));
    }

    @Test
    void hashesMadeWithOtherParametersStillVerify() {
        PasswordHasher stronger = new PasswordHasher(new SmallParameters() {
            @Override
            public int argon2MemoryKib() {
                return 512;
            }

            @Override
            public int argon2Iterations() {
                return 2;
            }
        }, null);
        String older = stronger.hashNow("rotate me please");

        assertTrue(PasswordHasher.verifyNow("rotate me please", older));
    }

    @Test
    void theDefaultBoundLeavesThreeQuartersOfTheHeapToTheRest() {
        long perHash = 19456 * 1024L;
        int bound = PasswordHasher.heapSizedConcurrency(19456);
        assertTrue(bound >= 1);
        assertTrue(bound == 1 || bound * perHash <= Runtime.getRuntime().maxMemory() / 4, "bound " + bound);
    }

    @Test
    void foreignOrBrokenStringsNeverVerify() {
        assertFalse(PasswordHasher.verifyNow("x", "$2a$10$abcdefghijklmnopqrstuv"));
        assertFalse(PasswordHasher.verifyNow("x", "$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
        assertFalse(PasswordHasher.verifyNow("x", "$argon2id$v=19$m=256,t=1,x=1$c2FsdHNhbHQ$aGFzaA"));
    }

    /** Small parameters keep the unit test fast; production defaults are in LoginConfig. */
    private static class SmallParameters implements LoginConfig {
        @Override
        public int maxAttemptsPerEmail() {
            return 10;
        }

        @Override
        public int maxAttemptsPerAddress() {
            return 100;
        }

        @Override
        public Duration window() {
            return Duration.ofMinutes(15);
        }

        @Override
        public int argon2MemoryKib() {
            return 256;
        }

        @Override
        public int argon2Iterations() {
            return 1;
        }

        @Override
        public int argon2Parallelism() {
            return 1;
        }

        @Override
        public OptionalInt argon2MaxConcurrent() {
            return OptionalInt.of(1);
        }

        @Override
        public int argon2MaxQueued() {
            return 1;
        }
    }
}
