package com.envoyx.invoice.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.envoyx.infra.Ports;
import com.envoyx.infra.testing.InfraTestResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real PostgreSQL and Redis (through {@link InfraTestResource}), a blob directory of this start's
 * own, and auth-service and ratelimit-service addresses where nothing listens: for tests of
 * everything that must work, or fail cleanly, without the other services. Init arg
 * {@code auth=silent} puts a server there instead that accepts connections and never answers.
 */
public class OfflineServicesResource implements QuarkusTestResourceLifecycleManager {

    private final InfraTestResource infra = new InfraTestResource();
    private boolean silentAuth;
    private SilentServer silent;

    @Override
    public void init(Map<String, String> initArgs) {
        infra.init(Map.of("database", "envoyx_invoice"));
        silentAuth = "silent".equals(initArgs.get("auth"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(baseConfig(infra));
        int authPort = Ports.freePort();
        if (silentAuth) {
            silent = SilentServer.start();
            authPort = silent.port();
        }
        pointClients(config, authPort, Ports.freePort());
        return config;
    }

    @Override
    public void stop() {
        if (silent != null) {
            silent.stop();
        }
        infra.stop();
    }

    /** Points the gRPC clients at the ports; in test mode Quarkus reads {@code test-port}, so both are set. */
    static void pointClients(Map<String, String> config, int authPort, int ratelimitPort) {
        for (String suffix : new String[] {"port", "test-port"}) {
            config.put("quarkus.grpc.clients.auth." + suffix, Integer.toString(authPort));
            config.put("quarkus.grpc.clients.ratelimit." + suffix, Integer.toString(ratelimitPort));
        }
    }

    /** What every invoice-service test start needs: infrastructure and a fresh blob directory. */
    static Map<String, String> baseConfig(InfraTestResource infra) {
        Map<String, String> config = new HashMap<>(infra.start());
        config.put("envoyx.storage.blob-dir", "target/test-blobs/" + UUID.randomUUID());
        return config;
    }
}
