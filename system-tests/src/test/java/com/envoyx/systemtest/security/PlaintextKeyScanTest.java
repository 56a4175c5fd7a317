package com.envoyx.systemtest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.envoyx.infra.Directories;
import com.envoyx.infra.PostgresEndpoint;
import com.envoyx.infra.mail.Mailbox;
import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.SuiteClient;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

/**
 * No key's plaintext, nor its secret part alone, is kept anywhere: not in any log file of the
 * suite, not in any table of auth-service's or invoice-service's database, not in any Redis key or
 * value under the run's prefix. The keys are used in every way a customer (or a careless one)
 * would: uploads, bad requests, the key in a query string, in the wrong header, as a bearer token,
 * rotated, revoked. Every key the security tests of this JVM were given is looked for. The same
 * holds for the tokens of account mail (verification, resend, password reset): they exist only in
 * the mail itself, which the launcher's console shows as the local mail server's view.
 */
class PlaintextKeyScanTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path SUITE_LOGS = Path.of("target", "suite-logs");

    private static SecuritySuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SecuritySuite.get();
    }

    @Test
    void noPlaintextKeyIsStoredOrLogged() throws Exception {
        Customer customer = Customer.signUp(suite);
        SuiteClient.CreatedKey key = customer.createKey("Scanned");
        SuiteClient.CreatedKey rotated = customer.createKey("Rotated away");
        SuiteClient.CreatedKey revoked = customer.createKey("Revoked later");
        useInEveryWay(customer, key);
        useInEveryWay(customer, rotated);
        SuiteClient.CreatedKey successor = customer.rotate(rotated);
        useInEveryWay(customer, successor);
        useInEveryWay(customer, revoked);
        customer.revoke(revoked);
        useInEveryWay(customer, revoked);

        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> keys = KeyLedger.all();
        for (int i = 0; i < keys.size(); i++) {
            secrets.put("key #" + i + " (plaintext)", keys.get(i));
            secrets.put("key #" + i + " (secret part)", KeyLedger.secretPart(keys.get(i)));
        }
        PlaintextScanner scanner = new PlaintextScanner(secrets);
        List<String> findings = new ArrayList<>();
        findings.addAll(scanner.scanFiles(SUITE_LOGS));
        findings.addAll(scanner.scanDatabase(suite.postgres(), suite.authDatabase()));
        findings.addAll(scanner.scanDatabase(suite.postgres(), suite.invoiceDatabase()));
        findings.addAll(scanner.scanRedis(suite.redis(), suite.redisPrefix()));
        System.out.println("plaintext scan: " + keys.size() + " keys looked for in " + SUITE_LOGS.toAbsolutePath()
                + ", databases " + suite.authDatabase() + " and " + suite.invoiceDatabase()
                + ", Redis prefix " + suite.redisPrefix());
        assertEquals(List.of(), findings);
    }

    /**
     * Issue 16: verification and reset tokens are random, stored hashed and never logged. A sign-up,
     * a resend, a reset request and its confirmation leave their raw tokens (read from the mails
     * over IMAP) in no table, no Redis key and no service's log line; the only place they may
     * appear is the launcher's printout of each mail, which is the local mail server's inbox view.
     */
    @Test
    void noMailedTokenIsStoredOrLogged() throws Exception {
        String auth = suite.url("auth");
        String email = "scan-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        Mailbox mailbox = suite.suite().mailbox(email);
        assertEquals(201, SuiteClient.post(auth + "/api/v1/auth/register", null,
                Map.of("email", email, "password", password, "name", "Scanned Ltd")).statusCode());
        String signupToken = token(mailbox.await(SuiteClient.VERIFY_SUBJECT, SuiteClient.MAIL_WAIT));
        HttpResponse<String> login = SuiteClient.post(auth + "/api/v1/auth/login", null,
                Map.of("email", email, "password", password));
        assertEquals(200, login.statusCode(), login.body());
        String session = SuiteClient.json(login.body()).path("data").path("access_token").asText();
        HttpResponse<String> resend = SuiteClient.post(auth + "/api/v1/auth/verify-email/resend", session, Map.of());
        assertEquals(202, resend.statusCode(), resend.body());
        String resentToken = token(mailbox.await(SuiteClient.VERIFY_SUBJECT, 2, SuiteClient.MAIL_WAIT));
        HttpResponse<String> verified = SuiteClient.post(auth + "/api/v1/auth/verify-email", null, Map.of("token", resentToken));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals(202, SuiteClient.post(auth + "/api/v1/auth/password-reset", null, Map.of("email", email)).statusCode());
        String resetToken = token(mailbox.await("Reset your EnvoyX password", SuiteClient.MAIL_WAIT));
        HttpResponse<String> confirmed = SuiteClient.post(auth + "/api/v1/auth/password-reset/confirm", null,
                Map.of("token", resetToken, "password", "a brand new passphrase"));
        assertEquals(200, confirmed.statusCode(), confirmed.body());

        PlaintextScanner scanner = new PlaintextScanner(Map.of(
                "the sign-up verification token (never used)", signupToken,
                "the resent verification token (used)", resentToken,
                "the password-reset token (used)", resetToken));
        List<String> findings = new ArrayList<>();
        findings.addAll(scanner.scanFilesExceptMailPrintout(SUITE_LOGS));
        findings.addAll(scanner.scanDatabase(suite.postgres(), suite.authDatabase()));
        findings.addAll(scanner.scanDatabase(suite.postgres(), suite.invoiceDatabase()));
        findings.addAll(scanner.scanRedis(suite.redis(), suite.redisPrefix()));
        assertEquals(List.of(), findings);
        assertTrue(suite.suite().contains(resetToken), "the launcher printed the reset mail's link (the scan read the right logs)");
    }

    /** The scan can fail: a secret planted in a file, a table and Redis is found in each. */
    @Test
    void theScannerFindsAPlantedSecret() throws Exception {
        String planted = "planted-" + UUID.randomUUID();
        PlaintextScanner scanner = new PlaintextScanner(Map.of("the planted secret", planted));

        Path directory = Files.createTempDirectory("scan-probe");
        try {
            Files.createDirectories(directory.resolve("nested"));
            Files.writeString(directory.resolve("nested/service.log"), "INFO request with " + planted + " done\n");
            assertEquals(1, scanner.scanFiles(directory).size());
        } finally {
            Directories.deleteRecursively(directory);
        }

        PostgresEndpoint postgres = suite.postgres();
        String table = "scan_probe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(suite.invoiceDatabase()),
                postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id int, raw bytea, doc jsonb)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?::jsonb)")) {
                insert.setInt(1, 1);
                insert.setBytes(2, planted.getBytes(StandardCharsets.UTF_8));
                insert.setString(3, "{}");
                insert.addBatch();
                insert.setInt(1, 2);
                insert.setBytes(2, new byte[0]);
                insert.setString(3, "{\"nested\": {\"k\": \"" + planted + "\"}}");
                insert.addBatch();
                insert.executeBatch();
            }
            try {
                assertEquals(2, scanner.scanDatabase(postgres, suite.invoiceDatabase()).size(), "bytea row and jsonb row");
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }

        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, suite.redis().url());
            RedisAPI redis = RedisAPI.api(client);
            String probe = suite.redisPrefix() + "scan-probe:" + UUID.randomUUID();
            await(redis.set(List.of(probe + ":string", "x" + planted + "x")));
            await(redis.hset(List.of(probe + ":hash", "field", "1", "other", planted)));
            await(redis.zadd(List.of(probe + ":zset", "1", planted)));
            await(redis.set(List.of(probe + ":" + planted, "name only")));
            try {
                assertEquals(4, scanner.scanRedis(suite.redis(), suite.redisPrefix()).size(), "string, hash, zset, key name");
            } finally {
                await(redis.del(List.of(probe + ":string", probe + ":hash", probe + ":zset", probe + ":" + planted)));
                client.close();
            }
        } finally {
            await(vertx.close());
        }
    }

    private static String token(Mailbox.ReceivedMail mail) {
        String link = mail.firstLink();
        assertTrue(link != null && link.contains("token="), mail.subject() + ": " + link);
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private static void useInEveryWay(Customer customer, SuiteClient.CreatedKey key) throws Exception {
        String plaintext = key.key();
        InvoiceUpload.send(suite.url("invoice"), plaintext, "scan-" + UUID.randomUUID());
        customer.post("/api/v1/invoices/upload", plaintext, "multipart/form-data; boundary=x", "not multipart".getBytes());
        customer.get("/api/v1/invoices?page=abc&page_size=-1", plaintext);
        customer.get("/api/v1/invoices?api_key=" + plaintext, plaintext);
        customer.get("/api/v1/invoices?api_key=" + plaintext, null);
        customer.get("/api/v1/ws?api_key=" + plaintext, null);
        customer.get("/api/v1/no-such-route/" + plaintext, plaintext);
        customer.get("/api/v1/me", plaintext + "x");
        customer.get("/api/v1/me", plaintext.substring(0, plaintext.length() - 1));
        HttpResponse<String> wrongHeader = HTTP.send(HttpRequest.newBuilder(URI.create(suite.url("invoice") + "/api/v1/me"))
                .header("Authorization", "Bearer " + plaintext).header("X-Forwarded-For", customer.address()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongHeader.statusCode());
        HttpResponse<String> asDashboardToken = HTTP.send(HttpRequest.newBuilder(URI.create(suite.url("auth") + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + plaintext).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(asDashboardToken.statusCode() == 401, asDashboardToken.body());
        SuiteClient.post(suite.url("auth") + "/api/v1/auth/login", null, Map.of("email", plaintext, "password", plaintext));
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
}
