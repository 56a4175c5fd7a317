package com.envoyx.systemtest.security;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.envoyx.infra.InfraSettings;
import com.envoyx.infra.PostgresEndpoint;
import com.envoyx.infra.RedisEndpoint;
import com.envoyx.infra.testing.TestDatabases;
import com.envoyx.systemtest.support.Fleet;
import com.envoyx.systemtest.support.LaunchedSuite;
import com.envoyx.systemtest.support.SessionSuites;
import com.envoyx.systemtest.support.SharedSuite;
import com.envoyx.systemtest.support.SuiteClient;

/**
 * The launched suite the security tests share: as {@code SharedSuite}, plus forwarding headers
 * trusted from the test's own address (so each test can act as client addresses of its own, and
 * one test's flood of invalid keys throttles no other test) and an operator token (to raise a
 * key's limits for the upload fuzzer). Handed out, like {@code SharedSuite}, once a fresh key has
 * passed the whole chain (the first request after a start may miss a deadline on a loaded
 * machine). Knows its databases and Redis prefix, which the plaintext
 * scan reads. Started on first use, stopped when the test session ends.
 */
final class SecuritySuite {

    private static SecuritySuite instance;
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final Pattern EXCHANGES = Pattern.compile("(?m)^envoyx_key_exchanges_total\\{([^}]*)} (\\S+)$");

    private final LaunchedSuite suite;
    private final Map<String, String> environment;

    private SecuritySuite(LaunchedSuite suite, Map<String, String> environment) {
        this.suite = suite;
        this.environment = environment;
    }

    static synchronized SecuritySuite get() throws Exception {
        if (instance == null) {
            Map<String, String> environment = new HashMap<>();
            environment.put("ENVOYX_AUTH_DB", TestDatabases.newName("envoyx_auth"));
            environment.put("ENVOYX_INVOICE_DB", TestDatabases.newName("envoyx_invoice"));
            environment.put("ENVOYX_REDIS_KEY_PREFIX", "st-sec-" + UUID.randomUUID().toString().substring(0, 8) + ":");
            environment.put("ENVOYX_ADMIN_TOKEN", Fleet.randomSecret());
            environment.put("ENVOYX_TRUST_PROXY", "true");
            environment.put("ENVOYX_TRUSTED_PROXIES", "127.0.0.1");
            LaunchedSuite suite = LaunchedSuite.start(environment);
            SharedSuite.awaitFirstKeyExchange(suite);
            instance = new SecuritySuite(suite, Map.copyOf(environment));
            SessionSuites.register("security", suite);
        }
        return instance;
    }

    LaunchedSuite suite() {
        return suite;
    }

    String url(String service) {
        return suite.url(service);
    }

    String adminToken() {
        return environment.get("ENVOYX_ADMIN_TOKEN");
    }

    String redisPrefix() {
        return environment.get("ENVOYX_REDIS_KEY_PREFIX");
    }

    String authDatabase() {
        return environment.get("ENVOYX_AUTH_DB");
    }

    String invoiceDatabase() {
        return environment.get("ENVOYX_INVOICE_DB");
    }

    PostgresEndpoint postgres() {
        Matcher line = infrastructure();
        InfraSettings settings = InfraSettings.fromEnvironment();
        return new PostgresEndpoint(line.group(2), Integer.parseInt(line.group(3)),
                settings.postgresUser(), settings.postgresPassword(), line.group(1).equals("embedded"));
    }

    RedisEndpoint redis() {
        Matcher line = infrastructure();
        return new RedisEndpoint(line.group(5), Integer.parseInt(line.group(6)), line.group(4).equals("embedded"));
    }

    /** Every exchange auth-service answered (issued or rejected): each one a database lookup. */
    double keyExchanges() throws Exception {
        HttpResponse<String> metrics = SuiteClient.get(url("auth") + "/q/metrics", Map.of());
        if (metrics.statusCode() != 200) {
            throw new AssertionError("auth-service metrics answered " + metrics.statusCode());
        }
        Matcher line = EXCHANGES.matcher(metrics.body());
        double total = 0;
        boolean found = false;
        while (line.find()) {
            total += Double.parseDouble(line.group(2));
            found = true;
        }
        if (!found) {
            throw new AssertionError("auth-service publishes no envoyx_key_exchanges_total");
        }
        return total;
    }

    /**
     * A client address no other test of this JVM uses (TEST-NET and benchmarking ranges), sent as
     * X-Forwarded-For, which this suite trusts from 127.0.0.1.
     */
    static String freshClientAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    private Matcher infrastructure() {
        return suite.infrastructureLine()
                .orElseThrow(() -> new IllegalStateException("the launcher printed no infrastructure line"));
    }
}
