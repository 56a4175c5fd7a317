package com.envoyx.invoice.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A small invalid-key budget, looked up one key at a time per address (so the count is exact under
 * parallel requests: with several lookups in flight an address may get that many more 403s before
 * its count catches up), and forwarding headers trusted so one test client can act as many
 * addresses; the Redis Cluster itself comes from {@code LiveServicesResource} ({@code redis=cluster}).
 */
public class RedisClusterProfile implements QuarkusTestProfile {

    public static final int MAX_INVALID_KEY_ATTEMPTS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "envoyx.key-throttle.max-attempts", Integer.toString(MAX_INVALID_KEY_ATTEMPTS),
                "envoyx.key-throttle.window", "300s",
                "envoyx.key-throttle.concurrent-exchanges", "1",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
    }
}
