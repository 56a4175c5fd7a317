package com.envoyx.infra.testing;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.envoyx.infra.DatabaseProvisioner;
import com.envoyx.infra.PostgresEndpoint;

/**
 * A database per service per test run ({@code envoyx_auth_test_<time>_<random>}), migrated from
 * empty and dropped when the run ends. Runs never see each other's rows, and a migration edited
 * during development never meets a schema history written by an older version of itself.
 */
public final class TestDatabases {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern TEST_DATABASE = Pattern.compile("envoyx_\\w+_test_(\\d{14})_[0-9a-f]{6}");
    /** A run never lasts this long; older test databases were left by a killed JVM. */
    private static final long STALE_AFTER_HOURS = 6;
    private static final String RUN_ID = LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_"
            + UUID.randomUUID().toString().substring(0, 6);
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private TestDatabases() {
    }

    /**
     * A fresh name in the test-database pattern, for a database someone else creates (the
     * launcher in system tests); stale ones are dropped like any other test database.
     */
    public static String newName(String baseName) {
        return baseName + "_test_" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    /** The database this run uses for {@code baseName}, created (and scheduled for drop) on first use. */
    public static String forThisRun(PostgresEndpoint postgres, String baseName) {
        String name = baseName + "_test_" + RUN_ID;
        if (CREATED.add(name)) {
            if (CREATED.size() == 1) {
                dropStale(postgres);
            }
            DatabaseProvisioner.ensureDatabase(postgres, name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> DatabaseProvisioner.dropDatabase(postgres, name),
                    "drop-" + name));
        }
        return name;
    }

    private static void dropStale(PostgresEndpoint postgres) {
        String cutoff = LocalDateTime.now(ZoneOffset.UTC).minusHours(STALE_AFTER_HOURS).format(STAMP);
        List<String> names;
        try {
            names = DatabaseProvisioner.databaseNames(postgres);
        } catch (IllegalStateException e) {
            // Sweeping is housekeeping: a run must not fail for it.
            return;
        }
        for (String name : names) {
            Matcher matcher = TEST_DATABASE.matcher(name);
            if (matcher.matches() && matcher.group(1).compareTo(cutoff) < 0) {
                DatabaseProvisioner.dropDatabase(postgres, name);
            }
        }
    }
}
