package com.envoyx.auth.apikey.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.envoyx.auth.apikey.config.ApiKeyConfig;

/** Stored key hashes: HMAC-SHA256 under the pepper, and no hash at all without one. */
class ApiKeyHasherTest {

    private static final String KEY = "envx_live_0123456789abcdefghijABCDEFGHIJ01abcdef";

    @Test
    void withoutPepperThereIsNoHasher() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new ApiKeyHasher(config(Optional.empty())));
        assertTrue(refused.getMessage().contains("ENVOYX_KEY_PEPPER"));
        assertThrows(IllegalStateException.class, () -> new ApiKeyHasher(config(Optional.of(" "))));
    }

    @Test
    void itIsHmacSha256UnderThePepperAndNotThePlainHash() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("pepper-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(KEY.getBytes(StandardCharsets.UTF_8));
        ApiKeyHasher peppered = new ApiKeyHasher(config(Optional.of("pepper-secret")));

        assertArrayEquals(expected, peppered.hash(KEY));
        assertArrayEquals(expected, peppered.hash(KEY), "a reused HMAC must give the same hash");
        byte[] plain = MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8));
        assertFalse(Arrays.equals(peppered.hash(KEY), plain), "never the plain SHA-256");
    }

    private static ApiKeyConfig config(Optional<String> pepper) {
        return new ApiKeyConfig() {
            @Override
            public Optional<String> keyPepper() {
                return pepper;
            }

            @Override
            public int maxActiveKeysPerAccount() {
                return 25;
            }

            @Override
            public Duration lastUsedFlushInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration keyLifecycleScanInterval() {
                return Duration.ofSeconds(15);
            }
        };
    }
}
