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
            suite = LaunchedSuite.start(Map.of());
            LaunchedSuite started = suite;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-suite-stop"));
        }
        return suite;
    }
}
