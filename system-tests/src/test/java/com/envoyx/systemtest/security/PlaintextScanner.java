package com.envoyx.systemtest.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.envoyx.infra.PostgresEndpoint;
import com.envoyx.infra.RedisEndpoint;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Looks for secrets where they must never be: every file under a directory, every row of every
 * table of a database (each row as PostgreSQL's text form of the whole row, so every column of
 * every type is read; bytea appears as hex, so the hex form of each secret is looked for too), and
 * every Redis key under a prefix (its name and, by type, all of its content). Returns one line per
 * finding, naming the place and the secret's label, never the secret.
 */
final class PlaintextScanner {

    private static final String MAIL_PRINTOUT = "envoyx: mail to ";

    private final Map<String, String> secrets;

    /** @param secrets label (safe to print) -> secret */
    PlaintextScanner(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    List<String> scanFiles(Path directory) {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                look(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), "file " + file, findings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    /**
     * As {@link #scanFiles}, but leaves out the launcher's printout of each account mail (the line
     * {@code envoyx: mail to ...} and the link under it): that is the local mail server's inbox
     * shown on purpose, the one place a mailed link may be read besides the mail.
     */
    List<String> scanFilesExceptMailPrintout(Path directory) {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                StringBuilder kept = new StringBuilder();
                String previous = "";
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    boolean mailPrintout = line.startsWith(MAIL_PRINTOUT)
                            || (previous.startsWith(MAIL_PRINTOUT) && line.startsWith("    http"));
                    if (!mailPrintout) {
                        kept.append(line).append('\n');
                    }
                    previous = line;
                }
                look(kept.toString(), "file " + file, findings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    List<String> scanDatabase(PostgresEndpoint postgres, String database) throws SQLException {
        List<String> findings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT format('%I.%I', table_schema, table_name)"
                    + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in " + database + ": wrong database?");
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rows.next()) {
                        look(rows.getString(1), database + " table " + table, findings);
                    }
                }
            }
        }
        return findings;
    }

    List<String> scanRedis(RedisEndpoint endpoint, String prefix) throws Exception {
        List<String> findings = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(endpoint.url())
                    .setPreferredProtocolVersion(ProtocolVersion.RESP2));
            RedisAPI redis = RedisAPI.api(client);
            String cursor = "0";
            do {
                Response page = await(redis.scan(List.of(cursor, "MATCH", globEscape(prefix) + "*", "COUNT", "500")));
                cursor = page.get(0).toString();
                for (Response name : page.get(1)) {
                    String key = name.toString();
                    StringBuilder content = new StringBuilder(key).append('\n');
                    String type = await(redis.type(key)).toString();
                    Response value = switch (type) {
                        case "string" -> await(redis.get(key));
                        case "hash" -> await(redis.hgetall(key));
                        case "list" -> await(redis.lrange(key, "0", "-1"));
                        case "set" -> await(redis.smembers(key));
                        case "zset" -> await(redis.zrange(List.of(key, "0", "-1", "WITHSCORES")));
                        case "stream" -> await(redis.xrange(List.of(key, "-", "+")));
                        case "none" -> null;
                        default -> throw new IllegalStateException("cannot read Redis type " + type + " of " + key);
                    };
                    flatten(value, content);
                    look(content.toString(), "redis key " + key, findings);
                }
            } while (!cursor.equals("0"));
            client.close();
        } finally {
            await(vertx.close());
        }
        return findings;
    }

    private void look(String text, String place, List<String> findings) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            String plain = secret.getValue();
            String hex = HexFormat.of().formatHex(plain.getBytes(StandardCharsets.UTF_8));
            if (text.contains(plain) || lower.contains(hex)) {
                findings.add(place + " contains " + secret.getKey());
            }
        }
    }

    private static void flatten(Response value, StringBuilder into) {
        if (value == null) {
            return;
        }
        if (value.type() == ResponseType.MULTI) {
            for (Response child : value) {
                flatten(child, into);
            }
        } else {
            into.append(new String(value.toBytes(), StandardCharsets.ISO_8859_1)).append('\n');
        }
    }

    private static String globEscape(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
