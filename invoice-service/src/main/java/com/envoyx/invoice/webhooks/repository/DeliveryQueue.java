package com.envoyx.invoice.webhooks.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.webhooks.model.AttemptOutcome;
import com.envoyx.invoice.webhooks.model.ClaimedDelivery;
import com.envoyx.invoice.webhooks.model.DeliveryAttempt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The deliveries every replica's dispatcher shares. A due delivery is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and leased to one dispatcher, so two replicas never send the same
 * attempt; a lease that ran out (its replica was killed mid-delivery) makes it claimable again,
 * as the next attempt of the same event. An attempt's result is written only while its claim
 * (owner and attempt number) still holds the delivery.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final int MAX_ERROR = 500;

    private static final String CLAIM = """
            WITH due AS (
                SELECT d.id
                  FROM webhook_deliveries d
                  JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.status = 'active'
                 WHERE d.state = 'pending' AND d.next_attempt_at <= $3
                   AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= $3)
                 ORDER BY d.next_attempt_at
                 LIMIT $4
                   FOR UPDATE OF d SKIP LOCKED),
            claimed AS (
                UPDATE webhook_deliveries d
                   SET lease_owner = $1, lease_expires_at = $2, attempts = d.attempts + 1
                  FROM due
                 WHERE d.id = due.id
                RETURNING d.id, d.event_id, d.endpoint_id, d.account_id, d.attempts)
            SELECT c.id, c.event_id, c.endpoint_id, c.account_id, c.attempts, e.type, e.body,
                   e.created_at AS event_created_at, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at
              FROM claimed c
              JOIN webhook_events e ON e.id = c.event_id
              JOIN webhook_endpoints w ON w.id = c.endpoint_id""";

    private static final String FINISH = """
            UPDATE webhook_deliveries
               SET state = $4, next_attempt_at = COALESCE($5, next_attempt_at), lease_owner = NULL, lease_expires_at = NULL
             WHERE id = $1 AND lease_owner = $2 AND attempts = $3""";

    private static final String RECORD_ATTEMPT = """
            INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error, attempted_at, next_retry_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";

    private static final String ENDPOINT_SUCCEEDED = "UPDATE webhook_endpoints SET failing_since = NULL "
            + "WHERE id = $1 AND failing_since IS NOT NULL";

    /* $2 now, $3 the earliest failing_since that is still tolerated (now - disable-after). */
    private static final String ENDPOINT_FAILED = """
            UPDATE webhook_endpoints
               SET failing_since = COALESCE(failing_since, $2),
                   status = CASE WHEN COALESCE(failing_since, $2) <= $3 THEN 'disabled' ELSE status END,
                   disabled_reason = CASE WHEN COALESCE(failing_since, $2) <= $3 THEN $4 ELSE disabled_reason END,
                   updated_at = CASE WHEN COALESCE(failing_since, $2) <= $3 THEN $2 ELSE updated_at END
             WHERE id = $1""";

    private static final String ATTEMPTS = """
            SELECT a.delivery_id, d.event_id, e.type, a.attempt, a.status_code, a.latency_ms, a.error,
                   a.attempted_at, a.next_retry_at, d.state
              FROM webhook_attempts a
              JOIN webhook_deliveries d ON d.id = a.delivery_id
              JOIN webhook_events e ON e.id = d.event_id
             WHERE d.endpoint_id = $1 AND d.account_id = $2
             ORDER BY a.attempted_at DESC, a.id DESC
             LIMIT $3""";

    private static final String REDELIVER = """
            UPDATE webhook_deliveries
               SET state = 'pending', next_attempt_at = $4
             WHERE id = $1 AND endpoint_id = $2 AND account_id = $3
               AND (lease_expires_at IS NULL OR lease_expires_at <= $4)
            RETURNING event_id""";

    private static final String EXISTS = "SELECT 1 FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2 AND account_id = $3";

    private static final String BACKLOG = """
            SELECT count(*) AS depth, min(e.created_at) AS oldest
              FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
             WHERE d.state = 'pending'""";

    private final Pool pool;

    DeliveryQueue(Pool pool) {
        this.pool = pool;
    }

    /** Claims up to {@code limit} due deliveries of active endpoints, oldest due first, leased until {@code leaseEnd}. */
    public Uni<List<ClaimedDelivery>> claim(String owner, int limit, Instant now, Instant leaseEnd) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(owner, timestamp(leaseEnd), timestamp(now), limit)).map(rows -> {
            List<ClaimedDelivery> claimed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                claimed.add(new ClaimedDelivery(row.getUUID("id"), row.getString("event_id"), row.getString("type"),
                        row.getUUID("endpoint_id"), row.getUUID("account_id"), row.getInteger("attempts"), owner,
                        row.getString("url"), row.getString("body"), row.getString("secret"),
                        row.getString("previous_secret"), instant(row, "previous_secret_expires_at"),
                        instant(row, "event_created_at")));
            }
            return claimed;
        });
    }

    /**
     * Writes the attempt's result in one transaction: the delivery's new state, the attempt in the
     * log, and the endpoint's failing streak (disabling it with {@code disabledReason} once the
     * streak began at or before {@code failingTolerance}). False when the claim was lost: nothing is written.
     *
     * @param nextAttemptAt when the next attempt is due; null when this one was the last
     */
    public Uni<Boolean> finish(ClaimedDelivery delivery, AttemptOutcome outcome, Instant now, Instant nextAttemptAt,
                               Instant failingTolerance, String disabledReason) {
        String state = outcome.delivered() ? "delivered" : nextAttemptAt == null ? "failed" : "pending";
        return pool.withTransaction(connection -> connection.preparedQuery(FINISH)
                .execute(Tuple.of(delivery.id(), delivery.leaseOwner(), delivery.attempt(), state,
                        nextAttemptAt == null ? null : timestamp(nextAttemptAt)))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : recordAttempt(connection, delivery, outcome, now, nextAttemptAt)
                                .chain(() -> outcome.delivered()
                                        ? connection.preparedQuery(ENDPOINT_SUCCEEDED).execute(Tuple.of(delivery.endpointId()))
                                        : connection.preparedQuery(ENDPOINT_FAILED).execute(Tuple.of(delivery.endpointId(),
                                                timestamp(now), timestamp(failingTolerance), disabledReason)))
                                .replaceWith(true)));
    }

    private Uni<RowSet<Row>> recordAttempt(SqlConnection connection, ClaimedDelivery delivery, AttemptOutcome outcome,
                                           Instant now, Instant nextAttemptAt) {
        return connection.preparedQuery(RECORD_ATTEMPT).execute(Tuple.of(delivery.id(), delivery.attempt())
                .addValue(outcome.statusCode())
                .addInteger((int) Math.min(Integer.MAX_VALUE, outcome.latencyMillis()))
                .addString(truncate(outcome.error()))
                .addValue(timestamp(now))
                .addValue(nextAttemptAt == null ? null : timestamp(nextAttemptAt)));
    }

    /** The newest attempts to one endpoint of the account, newest first. */
    public Uni<List<DeliveryAttempt>> attempts(UUID accountId, UUID endpointId, int limit) {
        return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(endpointId, accountId, limit)).map(rows -> {
            List<DeliveryAttempt> attempts = new ArrayList<>(rows.size());
            for (Row row : rows) {
                attempts.add(new DeliveryAttempt(row.getUUID("delivery_id"), row.getString("event_id"),
                        row.getString("type"), row.getInteger("attempt"), row.getInteger("status_code"),
                        row.getInteger("latency_ms"), row.getString("error"), instant(row, "attempted_at"),
                        instant(row, "next_retry_at"), row.getString("state")));
            }
            return attempts;
        });
    }

    /**
     * Makes the delivery due now (a further attempt of the same event). Empty when the account's
     * endpoint has no such delivery; {@code Optional.of(false)} while an attempt of it is in flight.
     */
    public Uni<Optional<Boolean>> redeliver(UUID accountId, UUID endpointId, UUID deliveryId, Instant now) {
        Tuple key = Tuple.of(deliveryId, endpointId, accountId);
        return pool.preparedQuery(REDELIVER).execute(Tuple.of(deliveryId, endpointId, accountId, timestamp(now)))
                .flatMap(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(Optional.of(true))
                        : pool.preparedQuery(EXISTS).execute(key)
                                .map(found -> found.rowCount() == 0 ? Optional.<Boolean>empty() : Optional.of(false)));
    }

    /** Pending deliveries and the creation time of the oldest event among them (null when none). */
    public Uni<Backlog> backlog() {
        return pool.query(BACKLOG).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Backlog(row.getLong("depth"), instant(row, "oldest"));
        });
    }

    public record Backlog(long depth, Instant oldest) {
    }

    private static String truncate(String message) {
        if (message == null || message.length() <= MAX_ERROR) {
            return message;
        }
        return message.substring(0, MAX_ERROR - 1) + "\u2026";
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
