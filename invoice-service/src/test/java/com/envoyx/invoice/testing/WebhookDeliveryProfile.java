package com.envoyx.invoice.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Webhook dispatch on, to a receiver on 127.0.0.1 (private targets allowed, as the local launcher
 * does), a retry schedule of one-second waits, a fast poll, endpoints disabled after failing 4 s,
 * and the processing pipeline on so an upload goes through its whole lifecycle.
 */
public class WebhookDeliveryProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("envoyx.webhook.dispatch-enabled", "true",
                "envoyx.webhook.allow-private-targets", "true",
                "envoyx.webhook.retry-schedule", "1s,1s,1s,1s,1s,1s",
                "envoyx.webhook.poll-interval", "100ms",
                "envoyx.webhook.disable-after", "4s",
                "envoyx.processing.enabled", "true");
    }
}
