package com.envoyx.ratelimit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

/**
 * The signing key that stands in for auth-service in tests: an EC P-256 key with a kid, whose
 * public half is published as a JWKS file the service is pointed at. Kept in files, not only in
 * memory, because test resources and test classes may live in different class loaders.
 */
public final class TestKeys {

    public static final String KID = "test-signing-key";
    private static final Path DIRECTORY = Path.of("target", "test-keys");
    private static final Path PRIVATE_KEY = DIRECTORY.resolve("signing.pk8");
    private static final Path JWKS = DIRECTORY.resolve("jwks.json");

    private TestKeys() {
    }

    /** The JWKS file, created with a new key pair on first use. */
    public static synchronized Path jwks() {
        if (!Files.exists(JWKS) || !Files.exists(PRIVATE_KEY)) {
            KeyPair pair = newKeyPair();
            try {
                Files.createDirectories(DIRECTORY);
                Files.write(PRIVATE_KEY, pair.getPrivate().getEncoded());
                EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic());
                jwk.setKeyId(KID);
                jwk.setAlgorithm("ES256");
                jwk.setUse("sig");
                Files.writeString(JWKS, new JsonWebKeySet(jwk).toJson());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return JWKS.toAbsolutePath();
    }

    public static PrivateKey signingKey() {
        jwks();
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(PRIVATE_KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair nobody published: tokens signed with it are forgeries. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
