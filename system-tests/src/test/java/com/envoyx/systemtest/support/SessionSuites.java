package com.envoyx.systemtest.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Suites that many test classes share live as long as the test session and are stopped, all at
 * once, when it closes. Not in JVM shutdown hooks: Surefire kills a fork whose hooks are still
 * running 30 s after exit, which cost every CI run those 30 s and could leave services running.
 * The shutdown hook stays only for a JVM that ends without closing its session.
 */
public final class SessionSuites implements LauncherSessionListener {

    private static final List<Registered> OPEN = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SessionSuites::closeAll, "session-suites-stop"));
    }

    private record Registered(String name, LaunchedSuite suite) {
    }

    /** Called by JUnit's ServiceLoader. */
    public SessionSuites() {
    }

    public static synchronized void register(String name, LaunchedSuite suite) {
        OPEN.add(new Registered(name, suite));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        closeAll();
    }

    private static void closeAll() {
        List<Registered> closing;
        synchronized (SessionSuites.class) {
            closing = List.copyOf(OPEN);
            OPEN.clear();
        }
        List<Thread> stops = new ArrayList<>();
        for (Registered registered : closing) {
            Thread stop = new Thread(() -> {
                long started = System.nanoTime();
                registered.suite().close();
                System.out.printf("system-tests: %s suite stopped in %d ms%n", registered.name(),
                        (System.nanoTime() - started) / 1_000_000);
            }, "stop-" + registered.name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
