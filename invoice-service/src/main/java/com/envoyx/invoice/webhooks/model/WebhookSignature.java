package com.envoyx.invoice.webhooks.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers that sign one delivery. {@code X-EnvoyX-Signature}: hex HMAC-SHA256 of the body keyed
 * with the current secret string (what the public docs' Node.js sample computes). Standard
 * Webhooks: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature}, {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed with the
 * decoded secret, one per secret still signing (space-separated), so a receiver holding either the
 * new or the old secret during a rotation's grace verifies it.
 */
public record WebhookSignature(String envoyxSignature, String webhookId, String webhookTimestamp,
                               String webhookSignature) {

    public static WebhookSignature sign(String eventId, long timestampSeconds, String body, List<String> secrets) {
        String current = secrets.get(0);
        String hex = HexFormat.of().formatHex(hmac(current.getBytes(StandardCharsets.UTF_8), body));
        String signed = eventId + "." + timestampSeconds + "." + body;
        String standard = secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(WebhookSecret.standardKey(secret), signed)))
                .collect(Collectors.joining(" "));
        return new WebhookSignature(hex, eventId, Long.toString(timestampSeconds), standard);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
