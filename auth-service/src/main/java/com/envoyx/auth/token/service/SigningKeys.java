package com.envoyx.auth.token.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import com.envoyx.auth.token.config.JwtConfig;

import io.quarkus.runtime.Startup;

/**
 * The signing key, loaded once at start so that signing never touches a file, and the set of
 * verification keys published as JWKS: the current one and, during a key rotation, the previous
 * one, so tokens signed just before the switch still verify.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final String LOCAL_KEY_FILE = "signing-key.pem";

    private final ECPrivateKey signingKey;
    private final String keyId;
    private final List<Map<String, Object>> publishedKeys;

    SigningKeys(JwtConfig config) {
        try {
            signingKey = config.signingKeyPath().isPresent()
                    ? EcKeys.privateKeyFromPem(Files.readString(config.signingKeyPath().get()))
                    : localKey(config.localKeyDir());
            PublicJsonWebKey current = EcKeys.jwk(EcKeys.publicKeyOf(signingKey));
            keyId = current.getKeyId();
            List<Map<String, Object>> keys = new ArrayList<>();
            keys.add(current.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            Optional<Path> previousFile = config.previousPublicKeyPath();
            // The Secret carries the previous key only during a rotation, so the path may name no file.
            if (previousFile.isPresent() && Files.exists(previousFile.get())) {
                ECPublicKey previous = EcKeys.publicKeyFromPem(Files.readString(previousFile.get()));
                PublicJsonWebKey previousJwk = EcKeys.jwk(previous);
                if (!previousJwk.getKeyId().equals(keyId)) {
                    keys.add(previousJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                }
            }
            publishedKeys = List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable signing key: " + e.getMessage(), e);
        }
        LOG.infof("Signing internal tokens with ES256 key %s", keyId);
    }

    ECPrivateKey signingKey() {
        return signingKey;
    }

    /**
     * A secret for another purpose, derived from the signing key (SHA-256 of the label and the
     * private scalar): every replica has it and a deployment configures one secret, not two. It
     * changes when the signing key is replaced.
     */
    public byte[] derivedSecret(String label) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.UTF_8));
            digest.update(signingKey.getS().toByteArray());
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code kid} of the current key: its RFC 7638 thumbprint, the same on every replica. */
    public String keyId() {
        return keyId;
    }

    /** JWK members of every key a verifier should accept, current first. */
    public List<Map<String, Object>> publishedKeys() {
        return publishedKeys;
    }

    private static ECPrivateKey localKey(Path directory) throws IOException, GeneralSecurityException {
        Path file = directory.resolve(LOCAL_KEY_FILE);
        if (Files.exists(file)) {
            return EcKeys.privateKeyFromPem(Files.readString(file));
        }
        Files.createDirectories(directory);
        KeyPair generated = EcKeys.generate();
        Path temporary = Files.createTempFile(directory, "signing-key", ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, EcKeys.pem("PRIVATE KEY", generated.getPrivate().getEncoded()),
                    StandardCharsets.US_ASCII);
            // Two replicas starting at once: the first move wins and both use the winner's key.
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Generated a local signing key in %s", file);
            return (ECPrivateKey) generated.getPrivate();
        } catch (FileAlreadyExistsException raced) {
            return EcKeys.privateKeyFromPem(Files.readString(file));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.debug("File system without POSIX permissions; the local key file keeps default permissions");
        }
    }
}
