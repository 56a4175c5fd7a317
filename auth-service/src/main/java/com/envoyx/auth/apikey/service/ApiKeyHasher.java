package com.envoyx.auth.apikey.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.config.ApiKeyConfig;

/**
 * What is stored and looked up instead of a key: HMAC-SHA256 under the pepper, so a stolen table
 * is useless without the secret. There is no unpeppered fallback: {@link SecretsCheck} refuses to
 * start without a pepper. Keys carry 190 random bits, so a fast MAC is enough; no per-key salt is
 * needed or possible for a lookup.
 */
@ApplicationScoped
public class ApiKeyHasher {

    private static final String HMAC = "HmacSHA256";

    private final Mac prototype;

    ApiKeyHasher(ApiKeyConfig config) {
        String pepper = config.keyPepper().filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("ENVOYX_KEY_PEPPER is not set"));
        try {
            prototype = Mac.getInstance(HMAC);
            prototype.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public byte[] hash(String key) {
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC instances of this JVM cannot be cloned", e);
        }
    }
}
