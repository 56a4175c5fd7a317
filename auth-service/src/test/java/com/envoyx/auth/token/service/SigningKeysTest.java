package com.envoyx.auth.token.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.auth.token.config.JwtConfig;

/** Where the signing key comes from, and what JWKS publishes. */
class SigningKeysTest {

    @TempDir
    Path directory;

    @Test
    void aLocalKeyIsGeneratedOnceAndSurvivesRestarts() throws Exception {
        SigningKeys first = new SigningKeys(config(directory.resolve("keys"), Optional.empty(), Optional.empty()));
        SigningKeys afterRestart = new SigningKeys(config(directory.resolve("keys"), Optional.empty(), Optional.empty()));

        assertEquals(first.keyId(), afterRestart.keyId());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve("keys/signing-key.pem"))));
        assertEquals(1, first.publishedKeys().size());
    }

    @Test
    void aConfiguredKeyIsUsedAndThePreviousOneIsPublishedBesideIt() throws Exception {
        KeyPair current = EcKeys.generate();
        KeyPair previous = EcKeys.generate();
        Path currentFile = Files.writeString(directory.resolve("current.pem"),
                EcKeys.pem("PRIVATE KEY", current.getPrivate().getEncoded()));
        Path previousFile = Files.writeString(directory.resolve("previous.pem"),
                EcKeys.pem("PUBLIC KEY", previous.getPublic().getEncoded()));

        SigningKeys keys = new SigningKeys(config(directory.resolve("unused"), Optional.of(currentFile),
                Optional.of(previousFile)));

        assertEquals(EcKeys.jwk((java.security.interfaces.ECPublicKey) current.getPublic()).getKeyId(), keys.keyId());
        assertEquals(2, keys.publishedKeys().size());
        assertEquals(keys.keyId(), keys.publishedKeys().get(0).get("kid"));
        assertNotEquals(keys.keyId(), keys.publishedKeys().get(1).get("kid"));
        assertEquals("ES256", keys.publishedKeys().get(1).get("alg"));
        assertEquals(false, Files.exists(directory.resolve("unused")));
    }

    @Test
    void aPreviousKeyPathWithoutAFileMeansNoRotationIsUnderWay() throws Exception {
        Path currentFile = Files.writeString(directory.resolve("current.pem"),
                EcKeys.pem("PRIVATE KEY", EcKeys.generate().getPrivate().getEncoded()));

        SigningKeys keys = new SigningKeys(config(directory, Optional.of(currentFile),
                Optional.of(directory.resolve("previous-public-key.pem"))));

        assertEquals(1, keys.publishedKeys().size());
    }

    @Test
    void aKeyOnAnotherCurveIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        Path file = Files.writeString(directory.resolve("p384.pem"),
                EcKeys.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));

        assertThrows(IllegalStateException.class,
                () -> new SigningKeys(config(directory, Optional.of(file), Optional.empty())));
    }

    private static JwtConfig config(Path localDir, Optional<Path> signingKey, Optional<Path> previousKey) {
        return new JwtConfig() {
            @Override
            public String issuer() {
                return "https://auth.envoyx.internal";
            }

            @Override
            public String audience() {
                return "envoyx-internal";
            }

            @Override
            public Duration tokenLifetime() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration serviceTokenLifetime() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Optional<Path> signingKeyPath() {
                return signingKey;
            }

            @Override
            public Optional<Path> previousPublicKeyPath() {
                return previousKey;
            }

            @Override
            public Path localKeyDir() {
                return localDir;
            }
        };
    }
}
