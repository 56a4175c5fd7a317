package com.envoyx.invoice.webhooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void standardWebhooksSignatureMatchesTheSpecificationsExample() {
        // The example of the Standard Webhooks specification (and Svix's documentation).
        WebhookSignature signature = WebhookSignature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature.webhookSignature());
        assertEquals("msg_p5jXN8AQM9LWM0D4loKWxJek", signature.webhookId());
        assertEquals("1614265330", signature.webhookTimestamp());
    }

    @Test
    void envoyxSignatureIsHexHmacKeyedWithTheSecretString() {
        // RFC 4231 test case 2: key "Jefe".
        WebhookSignature signature = WebhookSignature.sign("evt_1", 1, "what do ya want for nothing?",
                List.of("Jefe"));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature.envoyxSignature());
    }

    @Test
    void duringARotationBothSecretsSignAndTheNewOneComesFirst() {
        String current = WebhookSecret.generate();
        String previous = WebhookSecret.generate();
        String both = WebhookSignature.sign("evt_2", 1700000000, "{}", List.of(current, previous)).webhookSignature();
        String[] parts = both.split(" ");
        assertEquals(2, parts.length);
        assertEquals(WebhookSignature.sign("evt_2", 1700000000, "{}", List.of(current)).webhookSignature(), parts[0]);
        assertEquals(WebhookSignature.sign("evt_2", 1700000000, "{}", List.of(previous)).webhookSignature(), parts[1]);
    }

    @Test
    void secretsAreWhsecAndAtLeast24RandomBytes() {
        String secret = WebhookSecret.generate();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(24, Base64.getDecoder().decode(secret.substring(6)).length);
        assertTrue(!secret.equals(WebhookSecret.generate()));
    }
}
