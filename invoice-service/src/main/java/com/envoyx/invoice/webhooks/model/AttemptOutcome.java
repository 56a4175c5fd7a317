package com.envoyx.invoice.webhooks.model;

/**
 * What one POST to an endpoint gave: a status code (null when no response came) or an error
 * sentence, and how long it took.
 */
public record AttemptOutcome(Integer statusCode, String error, long latencyMillis) {

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public static AttemptOutcome answered(int statusCode, long latencyMillis) {
        return new AttemptOutcome(statusCode, statusCode >= 200 && statusCode < 300 ? null
                : "The endpoint answered HTTP " + statusCode + ".", latencyMillis);
    }

    public static AttemptOutcome failed(String error, long latencyMillis) {
        return new AttemptOutcome(null, error, latencyMillis);
    }
}
