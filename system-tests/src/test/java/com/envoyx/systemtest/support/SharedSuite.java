package com.envoyx.systemtest.support;

import java.util.Map;

/**
 * One launched suite for every system test that only talks to it (tests that stop services or
 * the launcher start their own). Started on first use, stopped when the test JVM exits.
 */
public final class SharedSuite {

    private static LaunchedSuite suite;

    private SharedSuite() {
    }

    public static synchronized LaunchedSuite get() throws Exception {
        if (suite == null) {
            // invoice-service counts an upgraded WebSocket request as in flight until its shutdown
            // timeout (invoice-service README, known limitation): 30 s by default, as long as
            // Surefire waits for a JVM to exit, so the stop would be cut short and leave the
            // databases and work directory behind.
            suite = LaunchedSuite.start(Map.of("ENVOYX_SHUTDOWN_TIMEOUT", "5s"));
            LaunchedSuite started = suite;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-suite-stop"));
        }
        return suite;
    }
}
