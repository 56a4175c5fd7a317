package com.envoyx.auth.apikey.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.config.ApiKeyConfig;
import com.envoyx.auth.platform.Sha256;

/**
 * What is stored and looked up instead of a key: HMAC-SHA256 with the pepper when one is
 * configured (a stolen table is then useless without the secret), else SHA-256. Keys carry 190
 * random bits, so a fast hash is enough; no per-key salt is needed or possible for a lookup.
 */
@ApplicationScoped
public class ApiKeyHasher {

    private static final String HMAC = "HmacSHA256";

    private final Mac prototype;

    ApiKeyHasher(ApiKeyConfig config) {
        try {
            if (config.keyPepper().isPresent()) {
                prototype = Mac.getInstance(HMAC);
                prototype.init(new SecretKeySpec(config.keyPepper().get().getBytes(StandardCharsets.UTF_8), HMAC));
            } else {
                prototype = null;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public byte[] hash(String key) {
        if (prototype == null) {
            return Sha256.digest(key);
        }
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC instances of this JVM cannot be cloned", e);
        }
    }
}
