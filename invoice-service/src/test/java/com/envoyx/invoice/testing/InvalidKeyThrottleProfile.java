package com.envoyx.invoice.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A small budget, and forwarding headers trusted so one test client can act as many addresses. */
public class InvalidKeyThrottleProfile implements QuarkusTestProfile {

    public static final int MAX_ATTEMPTS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "envoyx.key-throttle.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "envoyx.key-throttle.window", "300s",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
    }
}
