package com.envoyx.auth.testsupport;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.envoyx.infra.DatabaseProvisioner;
import com.envoyx.infra.testing.InfraTestResource;

/**
 * {@link InfraTestResource} on a database of this Quarkus start's own, dropped when it ends.
 * The shared {@code envoyx_auth} is also migrated by builds of other commits (whose V1 may differ
 * from the working tree's), and the installed infra jar may or may not isolate runs yet; this
 * keeps the tests independent of both. Names follow infra's test-database pattern
 * ({@code envoyx_auth_test_<utc stamp>_<hex>}), so a database left by a killed JVM is cleaned up.
 */
public class IsolatedDatabaseTestResource extends InfraTestResource {

    private final String database = "envoyx_auth_test_"
            + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
            + UUID.randomUUID().toString().substring(0, 6);

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.put("database", database);
        super.init(args);
    }

    @Override
    public void stop() {
        DatabaseProvisioner.dropDatabase(infrastructure().postgres(), database);
        super.stop();
    }
}
