package com.envoyx.systemtest.support;

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

import com.envoyx.infra.PostgresEndpoint;

/**
 * What invoice-service has really stored, read behind its back: the rows of its database (JDBC)
 * and the blobs of its store (the blob directory or the shared bucket). Fault tests compare the
 * two: no row without its blob, no blob without its row once the sweeper has run.
 */
public final class InvoiceLedger {

    private static final String COLUMNS = "SELECT id, api_key_id, blob_key, sha256, file_size, status, attempts FROM invoices";

    private final PostgresEndpoint postgres;
    private final String database;
    private final BlobInventory blobs;

    InvoiceLedger(PostgresEndpoint postgres, String database, BlobInventory blobs) {
        this.postgres = postgres;
        this.database = database;
        this.blobs = blobs;
    }

    /** One invoice row; {@code attempts} counts the processing pipeline's claims of it. */
    public record Row(UUID id, UUID apiKeyId, String blobKey, String sha256, long fileSize, String status, int attempts) {
    }

    public List<Row> rows() {
        return query(COLUMNS, statement -> { });
    }

    /** The invoices uploaded with one API key (its id as auth-service returned it). */
    public List<Row> rowsOfKey(String apiKeyId) {
        return query(COLUMNS + " WHERE api_key_id = ?", statement -> statement.setObject(1, UUID.fromString(apiKeyId)));
    }

    /** The invoice's row; empty when there is none. */
    public Optional<Row> row(UUID invoiceId) {
        return query(COLUMNS + " WHERE id = ?", statement -> statement.setObject(1, invoiceId)).stream().findFirst();
    }

    /** The invoice's status as the database has it; empty when there is no such row. */
    public Optional<String> statusOf(UUID invoiceId) {
        return row(invoiceId).map(Row::status);
    }

    /** Rows the processing pipeline has not finished yet (PENDING or PROCESSING). */
    public List<Row> unfinishedRows() {
        return query(COLUMNS + " WHERE status IN ('PENDING', 'PROCESSING')", statement -> { });
    }

    /** Rows whose blob does not exist: must never happen. */
    public List<Row> rowsWithoutBlob() {
        Set<String> stored = blobKeys();
        return rows().stream().filter(row -> !stored.contains(row.blobKey())).toList();
    }

    /** Blobs no row references: allowed only until the sweeper's grace period has passed. */
    public Set<String> blobsWithoutRow() {
        Set<String> referenced = new HashSet<>();
        rows().forEach(row -> referenced.add(row.blobKey()));
        Set<String> orphans = blobKeys();
        orphans.removeAll(referenced);
        return orphans;
    }

    /** Keys of the stored blobs, not counting unfinished writes. */
    public Set<String> blobKeys() {
        return new HashSet<>(blobs.keys());
    }

    /**
     * Writes begun and never finished (the file store's {@code .staging/} files, the bucket's
     * multipart uploads), which the sweeper removes after its grace period.
     */
    public List<String> unfinishedWrites() {
        return blobs.unfinishedWrites();
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
                            result.getString(4), result.getLong(5), result.getString(6), result.getInt(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + " on port " + postgres.port(), e);
        }
    }
}
