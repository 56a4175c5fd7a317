package com.envoyx.auth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.envoyx.infra.Ports;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service against the shared PostgreSQL/Redis (a database of its own, a fresh key prefix) and
 * a real mail server of its own, with an operator token, a ratelimit-service address where
 * nothing listens, fast password hashing, background jobs that tests trigger themselves, and
 * verbose logging so the no-plaintext test has something to search. Tests here are not about
 * verification, sign-up budgets or idle sessions (see {@link AccountMailProfile}): addresses count
 * as verified, sign-ups are not throttled and sessions never idle out before their lifetime, so
 * a test may sign up and create keys at once and move the clock by hours.
 */
public class AuthTestProfile implements QuarkusTestProfile {

    public static final String ADMIN_TOKEN = "test-operator-token-0123456789";
    public static final int MAX_ATTEMPTS_PER_EMAIL = 5;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IsolatedDatabaseTestResource.class),
                new TestResourceEntry(MailServerTestResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("envoyx.admin.token", ADMIN_TOKEN),
                Map.entry("quarkus.grpc.clients.ratelimit.port", Integer.toString(Ports.freePort())),
                Map.entry("quarkus.grpc.clients.exchange.host", "127.0.0.1"),
                Map.entry("quarkus.grpc.clients.exchange.port", "${quarkus.grpc.server.test-port}"),
                Map.entry("envoyx.jwt.local-key-dir", temporaryDirectory()),
                Map.entry("envoyx.login.argon2-memory-kib", "1024"),
                Map.entry("envoyx.login.argon2-iterations", "1"),
                Map.entry("envoyx.login.max-attempts-per-email", Integer.toString(MAX_ATTEMPTS_PER_EMAIL)),
                Map.entry("envoyx.email-verification", "off"),
                Map.entry("envoyx.signup.max-per-address", "1000000"),
                Map.entry("envoyx.signup.max-global", "1000000"),
                Map.entry("envoyx.session.idle-timeout", "12h"),
                Map.entry("envoyx.last-used-flush-interval", "1h"),
                Map.entry("envoyx.key-lifecycle-scan-interval", "1h"),
                Map.entry("quarkus.log.category.\"com.envoyx\".level", "DEBUG"),
                Map.entry("quarkus.hibernate-orm.log.sql", "true"),
                Map.entry("quarkus.hibernate-orm.log.bind-parameters", "true"),
                Map.entry("quarkus.http.access-log.enabled", "true"));
    }

    private static String temporaryDirectory() {
        try {
            return Files.createTempDirectory("envoyx-auth-keys-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
