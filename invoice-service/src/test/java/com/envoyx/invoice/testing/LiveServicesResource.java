package com.envoyx.invoice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.envoyx.infra.Ports;
import com.envoyx.infra.testing.InfraTestResource;
import com.envoyx.infra.testing.RedisClusterTestResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real auth-service and ratelimit-service, started from their packaged jars as child
 * processes on free ports, sharing this test's PostgreSQL, Redis and Redis key prefix (so key
 * events reach the service under test). Stopped when the Quarkus start ends. Init arg
 * {@code redis=cluster}: all three on a real three-master Redis Cluster of this start's own.
 */
public class LiveServicesResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static volatile LiveServices current;
    private static volatile ContractRateLimiter contract;

    private InfraTestResource infra;
    private ChildService auth;
    private ChildService ratelimit;
    private ScratchDatabase authDatabase;

    /** The services of the running Quarkus start. */
    public static LiveServices services() {
        if (current == null) {
            throw new IllegalStateException("LiveServicesResource is not active for this test");
        }
        return current;
    }

    /** The test's own ratelimit-service of the running Quarkus start (init arg {@code ratelimit=contract}). */
    public static ContractRateLimiter contractRateLimiter() {
        if (contract == null) {
            throw new IllegalStateException("LiveServicesResource was not started with ratelimit=contract");
        }
        return contract;
    }

    private boolean ratelimitDown;
    private boolean ratelimitContract;
    private boolean contractUnaryOnly;

    /**
     * Init arg {@code ratelimit=down}: start only auth-service; ratelimit-service's address answers
     * nothing. {@code ratelimit=contract}: the test's own {@link ContractRateLimiter} instead of the
     * packaged ratelimit-service; with {@code contract-rpcs=unary-only} it answers CheckBatch and
     * Reserve UNIMPLEMENTED, as a ratelimit-service older than them.
     */
    @Override
    public void init(Map<String, String> initArgs) {
        infra = "cluster".equals(initArgs.get("redis")) ? new RedisClusterTestResource() : new InfraTestResource();
        infra.init(Map.of("database", "envoyx_invoice"));
        ratelimitDown = "down".equals(initArgs.get("ratelimit"));
        ratelimitContract = "contract".equals(initArgs.get("ratelimit"));
        contractUnaryOnly = "unary-only".equals(initArgs.get("contract-rpcs"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(OfflineServicesResource.baseConfig(infra));
        String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
        authDatabase = ScratchDatabase.create(jdbcUrl, config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"), "envoyx_auth");
        URI postgres = URI.create(jdbcUrl.substring("jdbc:".length()));
        int authHttp = Ports.freePort();
        int authGrpc = Ports.freePort();
        int ratelimitHttp = Ports.freePort();
        int ratelimitGrpc = Ports.freePort();
        String jwks = "http://127.0.0.1:" + authHttp + "/.well-known/jwks.json";
        // The jars run in the prod profile, which demands 32 random bytes for each secret.
        String adminToken = randomSecret();

        Map<String, String> environment = new HashMap<>();
        environment.put("ENVOYX_PG_HOST", postgres.getHost());
        environment.put("ENVOYX_PG_PORT", Integer.toString(postgres.getPort()));
        environment.put("ENVOYX_PG_USER", config.get("quarkus.datasource.username"));
        environment.put("ENVOYX_PG_PASSWORD", config.get("quarkus.datasource.password"));
        environment.put("ENVOYX_AUTH_DB", authDatabase.name());
        // HOST/PORT too, for packages built before ENVOYX_REDIS_HOSTS existed (standalone only).
        URI redis = URI.create(config.get("quarkus.redis.hosts").split(",")[0].trim());
        environment.put("ENVOYX_REDIS_HOST", redis.getHost());
        environment.put("ENVOYX_REDIS_PORT", Integer.toString(redis.getPort()));
        environment.put("ENVOYX_REDIS_CLIENT_TYPE", config.getOrDefault("quarkus.redis.client-type", "standalone"));
        environment.put("ENVOYX_REDIS_HOSTS", config.get("quarkus.redis.hosts"));
        environment.put("ENVOYX_REDIS_KEY_PREFIX", config.get("envoyx.redis.key-prefix"));
        environment.put("ENVOYX_AUTH_HTTP_PORT", Integer.toString(authHttp));
        environment.put("ENVOYX_AUTH_GRPC_PORT", Integer.toString(authGrpc));
        environment.put("ENVOYX_RATELIMIT_HTTP_PORT", Integer.toString(ratelimitHttp));
        environment.put("ENVOYX_RATELIMIT_GRPC_PORT", Integer.toString(ratelimitGrpc));
        environment.put("ENVOYX_AUTH_JWKS_URL", jwks);
        environment.put("ENVOYX_ADMIN_TOKEN", adminToken);
        environment.put("ENVOYX_KEY_PEPPER", randomSecret());
        environment.put("ENVOYX_SESSION_COOKIE_SECURE", "false");
        // These tests are about keys, not accounts: no mail to verify, and every sign-up comes from loopback.
        environment.put("ENVOYX_EMAIL_VERIFICATION", "off");
        environment.put("ENVOYX_SIGNUP_MAX_PER_ADDRESS", "100000");
        environment.put("ENVOYX_SIGNUP_MAX_GLOBAL", "100000");
        Path jwtKeyDir;
        try {
            jwtKeyDir = Files.createTempDirectory("envoyx-test-auth-keys");
            environment.put("ENVOYX_JWT_LOCAL_KEY_DIR", jwtKeyDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        auth = ChildService.start("auth-service", environment, authHttp);
        ratelimit = ratelimitDown || ratelimitContract ? null
                : ChildService.start("ratelimit-service", environment, ratelimitHttp);
        if (ratelimitContract) {
            contract = ContractRateLimiter.start();
            contract.answerUnimplemented(contractUnaryOnly);
            ratelimitGrpc = contract.port();
        }
        try {
            auth.awaitReady(READY_TIMEOUT);
            if (ratelimit != null) {
                ratelimit.awaitReady(READY_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the services", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        current = new LiveServices(auth.baseUrl(), adminToken, jwtKeyDir);

        OfflineServicesResource.pointClients(config, authGrpc, ratelimitGrpc);
        config.put("mp.jwt.verify.publickey.location", jwks);
        // Cold child JVMs on a shared two-core machine answer their first calls slowly.
        config.put("envoyx.keychain.auth-deadline", "5s");
        config.put("envoyx.ratelimit.deadline", "5s");
        return config;
    }

    @Override
    public void stop() {
        current = null;
        if (contract != null) {
            contract.close();
            contract = null;
        }
        if (ratelimit != null) {
            ratelimit.stop();
        }
        if (auth != null) {
            auth.stop();
        }
        if (authDatabase != null) {
            authDatabase.drop();
        }
        infra.stop();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
