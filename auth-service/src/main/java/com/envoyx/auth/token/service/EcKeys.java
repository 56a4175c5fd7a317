package com.envoyx.auth.token.service;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** P-256 keys for ES256: PEM in and out, and the RFC 7638 thumbprint that serves as {@code kid}. */
final class EcKeys {

    private static final String CURVE = "secp256r1";
    private static final int P256_FIELD_BITS = 256;

    private EcKeys() {
    }

    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(CURVE));
        return generator.generateKeyPair();
    }

    static ECPrivateKey privateKeyFromPem(String pem) throws GeneralSecurityException {
        byte[] der = derOf(pem, "PRIVATE KEY");
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        requireP256(key.getParams().getCurve().getField().getFieldSize());
        return key;
    }

    static ECPublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        byte[] der = derOf(pem, "PUBLIC KEY");
        ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        requireP256(key.getParams().getCurve().getField().getFieldSize());
        return key;
    }

    /** The public half of a private key (Q = d·G), so a deployment needs to mount only one file. */
    static ECPublicKey publicKeyOf(ECPrivateKey key) throws GeneralSecurityException {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec(CURVE);
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static PublicJsonWebKey jwk(ECPublicKey key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            jwk.setAlgorithm("ES256");
            jwk.setUse("sig");
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot describe the public key as a JWK", e);
        }
    }

    private static byte[] derOf(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("expected a PEM block of type " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static void requireP256(int fieldBits) throws GeneralSecurityException {
        if (fieldBits != P256_FIELD_BITS) {
            throw new GeneralSecurityException("ES256 needs a P-256 key, got a " + fieldBits + "-bit curve");
        }
    }
}
