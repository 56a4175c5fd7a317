package com.envoyx.auth.apikey.rest;

import static com.envoyx.auth.testing.OnVertxContext.onVertxContext;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.envoyx.auth.apikey.service.ApiKeyHasher;
import com.envoyx.auth.apikey.service.KeyLifecycleScheduler;
import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.auth.testing.Accounts;
import com.envoyx.auth.testing.AuthTestProfile;
import com.envoyx.auth.testing.Dashboard;
import com.envoyx.auth.testing.ServiceDatabase;
import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;
import com.envoyx.infra.testing.CapturedLogs;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * After a key's whole life (create, exchange, list, usage, rotate, revoke, delete, background
 * jobs) and a password reset by mail, with debug, SQL and bind-parameter logging on, neither a log
 * record, nor any row of any table (the mail outbox included), nor any Redis key or value of this
 * run holds the plaintext key or its random part, or the mailed reset token.
 */
@QuarkusTest
@TestProfile(AuthTestProfile.class)
class NoPlaintextKeyTest {

    @GrpcClient("exchange")
    KeyExchangeGrpc.KeyExchangeBlockingStub exchange;

    @Inject
    ApiKeyHasher hasher;

    @Inject
    LastUsedRecorder lastUsed;

    @Inject
    KeyLifecycleScheduler lifecycle;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "envoyx.redis.key-prefix")
    String keyPrefix;

    @Test
    void plaintextKeysAppearNowhereButTheirOneResponse() throws SQLException {
        List<String> secrets = new ArrayList<>();
        String resetToken;
        String firstId;
        try (CapturedLogs logs = new CapturedLogs()) {
            Dashboard user = Dashboard.signUp();
            JsonPath first = user.createKey(Map.of("name", "Leak Check", "environment", "staging"));
            firstId = first.getString("id");
            secrets.add(first.getString("key"));
            exchange(first.getString("key"));
            user.request().get("/api/v1/api-keys").then().statusCode(200);
            user.request().get("/api/v1/api-keys/" + firstId + "/usage").then().statusCode(200);

            JsonPath second = user.request().body(Map.of("grace_period_seconds", 60))
                    .post("/api/v1/api-keys/" + firstId + "/rotate").then().statusCode(201)
                    .extract().jsonPath().setRootPath("data");
            secrets.add(second.getString("key"));
            exchange(second.getString("key"));
            user.request().post("/api/v1/api-keys/" + second.getString("id") + "/revoke").then().statusCode(200);
            exchange(second.getString("key"));
            user.request().delete("/api/v1/api-keys/" + firstId).then().statusCode(200);
            lastUsed.flush().await().atMost(Duration.ofSeconds(5));
            onVertxContext(lifecycle::announceEndedKeys);
            given().contentType(ContentType.JSON).body(Map.of("email", user.email()))
                    .post("/api/v1/auth/password-reset").then().statusCode(202);
            resetToken = Accounts.tokenOf(Accounts.mailbox(user.email())
                    .await("Reset your EnvoyX password", Accounts.MAIL_WAIT).firstLink());

            String logged = logs.text();
            assertTrue(logged.contains("/api/v1/api-keys/" + firstId), "the log capture saw nothing of the run");
            for (String secret : secrets) {
                assertAbsent(logged, secret, "log output");
            }
            assertFalse(logged.contains(resetToken), "the reset token was found in log output");
        }

        String database = dumpOfEveryTable();
        assertTrue(database.contains(HexFormat.of().formatHex(hasher.hash(secrets.get(1)))),
                "the dump does not even hold the stored hash");
        String redisContent = dumpOfRedis();
        for (String secret : secrets) {
            assertAbsent(database, secret, "the database");
            assertAbsent(redisContent, secret, "Redis");
        }
        assertTrue(database.contains(HexFormat.of().formatHex(Sha256.digest(resetToken))),
                "the dump does not hold the reset token's hash");
        assertFalse(database.contains(resetToken), "the reset token was found in the database");
        assertFalse(redisContent.contains(resetToken), "the reset token was found in Redis");
    }

    private void exchange(String key) {
        exchange.exchange(ExchangeRequest.newBuilder().setApiKey(key).build());
    }

    /** Both the whole key and its random part (what remains if a prefix were cut off). */
    private static void assertAbsent(String haystack, String key, String where) {
        String randomPart = key.substring(key.lastIndexOf('_') + 1);
        assertFalse(haystack.contains(randomPart), "a key's secret part was found in " + where);
    }

    private static String dumpOfEveryTable() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = ServiceDatabase.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertTrue(tables.contains("api_keys"), "tables: " + tables);
            for (String table : tables) {
                try (ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rows.next()) {
                        dump.append(table).append(' ').append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    private String dumpOfRedis() {
        StringBuilder dump = new StringBuilder();
        for (String key : redis.key().keys(keyPrefix + "*")) {
            dump.append(key).append(' ');
            if ("string".equals(redis.key().type(key).name().toLowerCase(java.util.Locale.ROOT))) {
                dump.append(redis.value(String.class).get(key));
            }
            dump.append('\n');
        }
        return dump.toString();
    }
}
