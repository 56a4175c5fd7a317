package com.envoyx.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.envoyx.infra.PostgresEndpoint;

/**
 * What invoice-service has really stored, read behind its back: the rows of its database (JDBC)
 * and the files of its blob directory. Fault tests compare the two: no row without its blob, no
 * blob without its row once the sweeper has run.
 */
public final class InvoiceLedger {

    private static final String STAGING = ".staging";

    private final PostgresEndpoint postgres;
    private final String database;
    private final Path blobDirectory;

    InvoiceLedger(PostgresEndpoint postgres, String database, Path blobDirectory) {
        this.postgres = postgres;
        this.database = database;
        this.blobDirectory = blobDirectory;
    }

    /** One invoice row. */
    public record Row(UUID id, UUID apiKeyId, String blobKey, String sha256, long fileSize, String status) {
    }

    public List<Row> rows() {
        return query("SELECT id, api_key_id, blob_key, sha256, file_size, status FROM invoices", statement -> { });
    }

    /** The invoices uploaded with one API key (its id as auth-service returned it). */
    public List<Row> rowsOfKey(String apiKeyId) {
        return query("SELECT id, api_key_id, blob_key, sha256, file_size, status FROM invoices WHERE api_key_id = ?",
                statement -> statement.setObject(1, UUID.fromString(apiKeyId)));
    }

    /** The invoice's status as the database has it; empty when there is no such row. */
    public Optional<String> statusOf(UUID invoiceId) {
        return query("SELECT id, api_key_id, blob_key, sha256, file_size, status FROM invoices WHERE id = ?",
                statement -> statement.setObject(1, invoiceId)).stream().findFirst().map(Row::status);
    }

    /** Rows whose blob file does not exist: must never happen. */
    public List<Row> rowsWithoutBlob() {
        Set<String> blobs = blobKeys();
        return rows().stream().filter(row -> !blobs.contains(row.blobKey())).toList();
    }

    /** Blob files no row references: allowed only until the sweeper's grace period has passed. */
    public Set<String> blobsWithoutRow() {
        Set<String> referenced = new HashSet<>();
        rows().forEach(row -> referenced.add(row.blobKey()));
        Set<String> orphans = blobKeys();
        orphans.removeAll(referenced);
        return orphans;
    }

    /** Keys of the stored blobs ({@code <dir>/<2 chars>/<key>}), not counting unfinished writes. */
    public Set<String> blobKeys() {
        return files(path -> !path.startsWith(blobDirectory.resolve(STAGING)))
                .stream().map(path -> path.getFileName().toString()).collect(HashSet::new, Set::add, Set::addAll);
    }

    /** Unfinished writes ({@code <dir>/.staging/}), which the sweeper removes after its grace period. */
    public List<Path> stagingFiles() {
        return files(path -> path.startsWith(blobDirectory.resolve(STAGING)));
    }

    private List<Path> files(Predicate<Path> which) {
        if (!Files.isDirectory(blobDirectory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(blobDirectory)) {
            return walk.filter(Files::isRegularFile).filter(which).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<Row> query(String sql, Binder binder) {
        Properties properties = new Properties();
        properties.setProperty("user", postgres.user());
        properties.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), properties);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject(1, UUID.class), result.getObject(2, UUID.class), result.getString(3),
                            result.getString(4), result.getLong(5), result.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + " on port " + postgres.port(), e);
        }
    }
}
