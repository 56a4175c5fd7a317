package com.envoyx.invoice.webhooks.model;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing secret as the customer sees it: {@code whsec_} and the base64 of 24 random
 * bytes (the Standard Webhooks format). X-EnvoyX-Signature is keyed with the whole string (the
 * docs' sample passes it as is to createHmac); webhook-signature with the decoded bytes.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    private static final int RANDOM_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The key of the Standard Webhooks signature: the bytes after the prefix. */
    public static byte[] standardKey(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }
}
