package com.envoyx.auth.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.envoyx.infra.DatabaseProvisioner;
import com.envoyx.infra.testing.InfraTestResource;
import com.envoyx.infra.testing.TestDatabases;

/**
 * {@link InfraTestResource} on a database of this Quarkus start's own, dropped when it ends,
 * where infra's own isolation is per test run: some tests here count every row of a table.
 */
public class IsolatedDatabaseTestResource extends InfraTestResource {

    private final String baseName = "envoyx_auth_" + UUID.randomUUID().toString().substring(0, 6);

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.put("database", baseName);
        super.init(args);
    }

    @Override
    public void stop() {
        DatabaseProvisioner.dropDatabase(infrastructure().postgres(),
                TestDatabases.forThisRun(infrastructure().postgres(), baseName));
        super.stop();
    }
}
