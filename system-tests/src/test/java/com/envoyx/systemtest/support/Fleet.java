package com.envoyx.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.envoyx.infra.DatabaseProvisioner;
import com.envoyx.infra.Directories;
import com.envoyx.infra.EmbeddedPostgresServer;
import com.envoyx.infra.Ports;
import com.envoyx.infra.PostgresEndpoint;
import com.envoyx.infra.launcher.ServiceSpec;

/**
 * The whole suite on servers a test owns, every piece its own process so a test can take any one
 * away: a {@code redis-server}, one embedded PostgreSQL for auth-service and another for
 * invoice-service (so the invoice database can be stopped alone), auth-service,
 * ratelimit-service and N invoice-service replicas sharing that database, Redis and one blob
 * store: a directory, or with {@link Options#s3BlobStore()} a bucket in an S3Proxy process of the
 * fleet's own (what replicas on different machines share). Never touches the machine's PostgreSQL
 * or Redis.
 *
 * <p>Ports are chosen once, so a stopped or killed piece comes back at the same address. Logs go
 * to {@code target/fault-logs/} (one file per process, appended on every restart); everything
 * else (PostgreSQL data, blobs, upload temp files, signing key, each JVM's temp directory) lives
 * in one work directory that {@link #close()} deletes.
 */
public final class Fleet implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(60);
    private static final String INVOICE_DATABASE = "envoyx_invoice";
    private static final String AUTH_DATABASE = "envoyx_auth";
    private static final Path LOG_DIRECTORY = Path.of("target", "fault-logs").toAbsolutePath();

    private final Path workDirectory;
    private final String adminToken = randomSecret();
    private final String redisKeyPrefix = "fault-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<ServiceInstance> services = new ArrayList<>();
    private final List<ServiceInstance> invoices = new ArrayList<>();
    private RedisProcess redis;
    private EmbeddedPostgresServer authPostgres;
    private EmbeddedPostgresServer invoicePostgres;
    private FleetBucket bucket;
    private ServiceInstance auth;
    private ServiceInstance ratelimit;
    private SuiteClient client;
    private String canarySession;
    private boolean closed;
    /** A test JVM stopped early (Ctrl-C, a fork timeout) must not leave the processes running. */
    private final Thread shutdownHook = new Thread(this::close, "fleet-stop");

    private Fleet(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** What to start: replicas and settings every service gets as environment variables. */
    public static final class Options {
        private int invoiceReplicas = 1;
        private boolean s3BlobStore;
        private final Map<String, String> environment = new LinkedHashMap<>();

        public Options invoiceReplicas(int replicas) {
            this.invoiceReplicas = replicas;
            return this;
        }

        /**
         * The replicas store blobs in one bucket of an S3Proxy process the fleet starts and stops
         * ({@code envoyx.storage.type=s3}) instead of a shared directory.
         */
        public Options s3BlobStore() {
            this.s3BlobStore = true;
            return this;
        }

        /** A setting for every service (each reads the variables it knows, e.g. {@code ENVOYX_JWT_TOKEN_LIFETIME}). */
        public Options environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    /** Starts everything and returns once every service is ready and an upload goes through each replica. */
    public static Fleet start(Options options) {
        Path workDirectory;
        try {
            workDirectory = Files.createTempDirectory("envoyx-fleet-");
            Files.createDirectories(LOG_DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fleet fleet = new Fleet(workDirectory);
        Runtime.getRuntime().addShutdownHook(fleet.shutdownHook);
        try {
            fleet.startAll(options);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void startAll(Options options) {
        String tag = workDirectory.getFileName().toString().replace("envoyx-fleet-", "");
        redis = RedisProcess.startOnFreePort(workDirectory.resolve("redis"), LOG_DIRECTORY.resolve("redis-" + tag + ".log"));
        authPostgres = EmbeddedPostgresServer.startOnFreePort(workDirectory.resolve("pg-auth"));
        invoicePostgres = EmbeddedPostgresServer.startOnFreePort(workDirectory.resolve("pg-invoice"));
        DatabaseProvisioner.ensureDatabase(authPostgres.endpoint(), AUTH_DATABASE);
        DatabaseProvisioner.ensureDatabase(invoicePostgres.endpoint(), INVOICE_DATABASE);
        if (options.s3BlobStore) {
            bucket = FleetBucket.start(LaunchedSuite.repositoryRoot());
        } else {
            try {
                Files.createDirectories(blobDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Map<String, String> common = new HashMap<>();
        int authHttpPort = Ports.freePort();
        common.put("ENVOYX_AUTH_HTTP_PORT", Integer.toString(authHttpPort));
        common.put("ENVOYX_AUTH_GRPC_PORT", Integer.toString(Ports.freePort()));
        common.put("ENVOYX_RATELIMIT_HTTP_PORT", Integer.toString(Ports.freePort()));
        common.put("ENVOYX_RATELIMIT_GRPC_PORT", Integer.toString(Ports.freePort()));
        common.put("ENVOYX_AUTH_JWKS_URL", "http://127.0.0.1:" + authHttpPort + "/.well-known/jwks.json");
        common.put("ENVOYX_REDIS_HOST", "127.0.0.1");
        common.put("ENVOYX_REDIS_PORT", Integer.toString(redis.port()));
        common.put("ENVOYX_REDIS_KEY_PREFIX", redisKeyPrefix);
        common.put("ENVOYX_PG_USER", "postgres");
        common.put("ENVOYX_PG_PASSWORD", "");
        common.put("ENVOYX_ADMIN_TOKEN", adminToken);
        common.put("ENVOYX_KEY_PEPPER", randomSecret());
        // The fleet has no mail server: its accounts count as verified (verification has tests of its own).
        common.put("ENVOYX_EMAIL_VERIFICATION", "off");
        common.put("ENVOYX_SIGNUP_MAX_PER_ADDRESS", "100000");
        // A restarted auth-service keeps its signing key, so tokens issued before stay verifiable.
        common.put("ENVOYX_JWT_LOCAL_KEY_DIR", workDirectory.resolve("auth-keys").toString());
        common.put("ENVOYX_SHUTDOWN_TIMEOUT", "5s");
        common.putAll(options.environment);

        auth = service("auth", ServiceSpec.named("auth"), common, env -> {
            env.put("ENVOYX_PG_HOST", authPostgres.endpoint().host());
            env.put("ENVOYX_PG_PORT", Integer.toString(authPostgres.port()));
            env.put("ENVOYX_AUTH_DB", AUTH_DATABASE);
        }, tag);
        ratelimit = service("ratelimit", ServiceSpec.named("ratelimit"), common, env -> { }, tag);
        for (int i = 0; i < options.invoiceReplicas; i++) {
            int replica = i;
            invoices.add(service("invoice-" + i, ServiceSpec.named("invoice"), common, env -> {
                env.put("ENVOYX_PG_HOST", invoicePostgres.endpoint().host());
                env.put("ENVOYX_PG_PORT", Integer.toString(invoicePostgres.port()));
                env.put("ENVOYX_INVOICE_DB", INVOICE_DATABASE);
                env.put("ENVOYX_INVOICE_HTTP_PORT", Integer.toString(Ports.freePort()));
                if (bucket != null) {
                    env.putAll(bucket.invoiceEnvironment());
                    env.put("ENVOYX_S3_DOWNLOAD_DIR", workDirectory.resolve("downloads-" + replica).toString());
                } else {
                    env.put("ENVOYX_BLOB_DIR", blobDirectory().toString());
                }
                env.put("ENVOYX_UPLOAD_TMP_DIR", uploadDirectory(replica).toString());
            }, tag));
            try {
                Files.createDirectories(uploadDirectory(replica));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        services.forEach(ServiceInstance::start);
        services.forEach(service -> service.awaitReady(READY_TIMEOUT));
        client = new SuiteClient(auth.url());
        try {
            canarySession = client.newAccountSession();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot create the fleet's canary account", e);
        }
        awaitServing();
    }

    private ServiceInstance service(String name, ServiceSpec spec, Map<String, String> common,
                                    Consumer<Map<String, String>> own, String tag) {
        Map<String, String> environment = new HashMap<>(common);
        own.accept(environment);
        Path temp = workDirectory.resolve("tmp-" + name);
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Quarkus and Vert.x write caches under java.io.tmpdir: keep them inside the work directory.
        List<String> jvmOptions = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + temp);
        ServiceInstance instance = new ServiceInstance(name, spec, LaunchedSuite.repositoryRoot(), environment,
                jvmOptions, LOG_DIRECTORY.resolve(name + "-" + tag + ".log"));
        services.add(instance);
        return instance;
    }

    /**
     * Brings back whatever a test took away (Redis, either PostgreSQL, any service) and waits until
     * the fleet serves again: every service ready and a fresh key's upload accepted by every
     * replica, which proves key exchange, rate limiting (uploads fail closed without Redis) and
     * storage, and that no circuit breaker is still open.
     */
    public void restore() {
        redis.start();
        authPostgres.start();
        invoicePostgres.start();
        services.forEach(ServiceInstance::start);
        services.forEach(service -> service.awaitReady(READY_TIMEOUT));
        awaitServing();
    }

    private void awaitServing() {
        Instant deadline = Instant.now().plus(SERVING_TIMEOUT);
        try {
            String key = client.createKey(canarySession, "Fleet canary " + Instant.now()).key();
            for (ServiceInstance invoice : invoices) {
                HttpResponse<String> last = null;
                while (Instant.now().isBefore(deadline)) {
                    last = InvoiceUpload.send(invoice.url(), key, "canary-" + UUID.randomUUID());
                    if (last.statusCode() == 201) {
                        break;
                    }
                    Thread.sleep(250);
                }
                if (last == null || last.statusCode() != 201) {
                    throw new IllegalStateException(invoice.name() + " does not accept uploads: "
                            + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the fleet does not serve", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public RedisProcess redis() {
        return redis;
    }

    public EmbeddedPostgresServer authPostgres() {
        return authPostgres;
    }

    public EmbeddedPostgresServer invoicePostgres() {
        return invoicePostgres;
    }

    public ServiceInstance auth() {
        return auth;
    }

    public ServiceInstance ratelimit() {
        return ratelimit;
    }

    public ServiceInstance invoice(int replica) {
        return invoices.get(replica);
    }

    public List<ServiceInstance> invoices() {
        return List.copyOf(invoices);
    }

    /** Every service process of the fleet (not Redis or PostgreSQL). */
    public List<ServiceInstance> services() {
        return List.copyOf(services);
    }

    /** Account and key API of this fleet's auth-service. */
    public SuiteClient client() {
        return client;
    }

    /** 32 random bytes in base64, as {@code openssl rand -base64 32}: what the prod profile accepts as a secret. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** Bearer token of the operator API ({@code ENVOYX_ADMIN_TOKEN}), e.g. to raise a key's limits. */
    public String adminToken() {
        return adminToken;
    }

    public String redisKeyPrefix() {
        return redisKeyPrefix;
    }

    /** The invoice replicas' shared file store (unused with {@link Options#s3BlobStore()}). */
    public Path blobDirectory() {
        return workDirectory.resolve("blobs");
    }

    /** Where replica {@code replica} streams multipart bodies while they arrive. */
    public Path uploadDirectory(int replica) {
        return workDirectory.resolve("uploads-" + replica);
    }

    /** Rows and blobs of invoice-service, read directly. */
    public InvoiceLedger ledger() {
        PostgresEndpoint endpoint = invoicePostgres.endpoint();
        return new InvoiceLedger(endpoint, INVOICE_DATABASE, bucket != null ? bucket : new BlobDirectory(blobDirectory()));
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** Every port the fleet listens on, for tests that check nothing is left. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(redis.port(), authPostgres.port(), invoicePostgres.port()));
        for (ServiceInstance service : services) {
            ports.add(service.httpPort());
        }
        ports.add(Integer.parseInt(auth.environment().get("ENVOYX_AUTH_GRPC_PORT")));
        ports.add(Integer.parseInt(ratelimit.environment().get("ENVOYX_RATELIMIT_GRPC_PORT")));
        if (bucket != null) {
            ports.add(bucket.port());
        }
        return ports;
    }

    /**
     * Stops every service (in parallel, SIGTERM), Redis, both PostgreSQL servers and S3Proxy, and
     * deletes the work directory.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting and this is the hook running.
        }
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(service::stop))
                .toArray(CompletableFuture[]::new)).join();
        if (redis != null) {
            redis.close();
        }
        if (authPostgres != null) {
            authPostgres.close();
        }
        if (invoicePostgres != null) {
            invoicePostgres.close();
        }
        if (bucket != null) {
            bucket.close();
        }
        Directories.deleteRecursively(workDirectory);
    }
}
