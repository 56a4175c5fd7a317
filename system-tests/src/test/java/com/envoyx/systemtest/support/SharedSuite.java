package com.envoyx.systemtest.support;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One launched suite for every system test that only talks to it (tests that stop services or
 * the launcher start their own). Started on first use, stopped when the test session ends ({@link SessionSuites}), and
 * handed out only once a key has passed the whole chain once.
 */
public final class SharedSuite {

    private static LaunchedSuite suite;

    private SharedSuite() {
    }

    public static synchronized LaunchedSuite get() throws Exception {
        if (suite == null) {
            LaunchedSuite started = LaunchedSuite.start(Map.of());
            SessionSuites.register("shared", started);
            awaitFirstKeyExchange(started);
            suite = started;
        }
        return suite;
    }

    /**
     * The first request after a start opens invoice-service's gRPC channels to cold services and
     * makes ratelimit-service fetch auth-service's JWKS; on a loaded machine that can miss the
     * 1 s deadlines (503, by design). Tests must meet the suite as customers of a running one do.
     */
    public static void awaitFirstKeyExchange(LaunchedSuite suite) throws Exception {
        SuiteClient client = new SuiteClient(suite);
        String key = client.createKey(client.newAccountSession(), "Warm-up").key();
        String me = suite.url("invoice") + "/api/v1/me";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> answer = SuiteClient.get(me, Map.of("X-API-Key", key));
        while (answer.statusCode() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            answer = SuiteClient.get(me, Map.of("X-API-Key", key));
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the launched suite does not serve a fresh key: " + answer.statusCode()
                    + " " + answer.body());
        }
    }
}
