package com.envoyx.invoice.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Webhook dispatch on with the production target rules: private addresses refused. */
public class PublicTargetsDeliveryProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("envoyx.webhook.dispatch-enabled", "true",
                "envoyx.webhook.allow-private-targets", "false",
                "envoyx.webhook.retry-schedule", "1s",
                "envoyx.webhook.poll-interval", "100ms");
    }
}
