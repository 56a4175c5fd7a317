package com.envoyx.invoice.processing.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.invoices.model.ExtractedContent;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.model.InvoiceView;
import com.envoyx.invoice.invoices.model.Validation;
import com.envoyx.invoice.processing.model.ClaimedJob;
import com.envoyx.invoice.processing.model.JobOutcome;
import com.envoyx.invoice.webhooks.repository.WebhookEventStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable work queue, shared by every replica: the invoice row is the job. A job is claimable
 * when PENDING, or PROCESSING with a lease that has expired (its worker crashed, hung or handed it
 * back for a retry). Each statement is one atomic UPDATE, so every change is committed when its
 * Uni completes. Instants come from the service clock, so replicas' clocks must agree to well
 * within a lease (NTP does).
 */
@ApplicationScoped
public class JobQueue {

    private static final int MAX_MESSAGE = 500;

    /** The columns of the invoice as GET shows it: the data of its webhook event. */
    private static final String INVOICE_VIEW = "i.file_name, i.file_size, i.sha256, i.status, i.error_message, "
            + "i.extracted, i.validation, i.uploaded_at, i.updated_at, i.processed_at";

    /*
     * Fair across accounts: each claimable job's turn is its place in its account's own queue
     * (oldest first) plus the jobs of that account already running, and the lowest turn goes
     * first (then the oldest upload). So one account's thousand queued documents take one slot
     * after another while a newcomer's first document is next in line. SKIP LOCKED lets replicas
     * claim side by side without waiting on each other's rows (the ranking reads without locks;
     * the outer SELECT locks and re-checks each row); the partial index invoices_claimable_idx
     * holds only unfinished rows, so the scans stay as small as the backlog however many invoices
     * are done. A job waiting for its retry (PROCESSING without an owner) is not running.
     * due.status is the status before this UPDATE.
     */
    private static final String CLAIM = """
            UPDATE invoices AS i
               SET status = 'PROCESSING', attempts = i.attempts + 1, lease_owner = $1, lease_expires_at = $2,
                   updated_at = $3
              FROM (SELECT c.id, c.status
                      FROM invoices AS c
                      JOIN (SELECT q.id, row_number() OVER (PARTITION BY q.account_id ORDER BY q.uploaded_at, q.id) AS turn
                              FROM invoices AS q
                             WHERE q.status IN ('PENDING', 'PROCESSING')
                               AND (q.status = 'PENDING' OR q.lease_expires_at <= $3)) AS ranked
                        ON ranked.id = c.id
                      LEFT JOIN (SELECT account_id, count(*) AS running
                                   FROM invoices
                                  WHERE status = 'PROCESSING' AND lease_owner IS NOT NULL AND lease_expires_at > $3
                                  GROUP BY account_id) AS busy
                        ON busy.account_id = c.account_id
                     WHERE c.status IN ('PENDING', 'PROCESSING')
                       AND (c.status = 'PENDING' OR c.lease_expires_at <= $3)
                     ORDER BY ranked.turn + COALESCE(busy.running, 0), c.uploaded_at, c.id
                     LIMIT $4
                     FOR UPDATE OF c SKIP LOCKED) AS due
             WHERE i.id = due.id
            RETURNING i.id, i.account_id, i.blob_key, i.attempts, due.status AS previous_status, """ + INVOICE_VIEW;

    private static final String FENCE = " WHERE id = $1 AND status = 'PROCESSING' AND lease_owner = $2 AND attempts = $3";

    private static final String COMPLETE = "UPDATE invoices AS i SET status = $4, error_message = $5, extracted = $6, "
            + "validation = $7, lease_owner = NULL, lease_expires_at = NULL, updated_at = $8, processed_at = $8" + FENCE
            + " RETURNING i.id, i.account_id, " + INVOICE_VIEW;

    /*
     * not_duplicate: two copies of one invoice processed side by side must not both pass, so the
     * completions of one (account, vendor, number) take turns on a transaction-scoped advisory lock
     * (released at commit), and the later one sees the earlier one's committed row. A hash
     * collision only makes two unrelated completions wait for each other.
     */
    private static final String LOCK_VENDOR_NUMBER = "SELECT pg_advisory_xact_lock(hashtextextended($1, 18))";

    /** Case-insensitive, as a person comparing two invoices would; invoices_account_vendor_number_idx serves it. */
    private static final String DUPLICATE = """
            SELECT EXISTS (SELECT 1 FROM invoices
                            WHERE account_id = $1 AND id <> $2 AND extracted IS NOT NULL
                              AND lower(extracted -> 'fields' -> 'vendor_name' ->> 'value') = lower($3)
                              AND lower(extracted -> 'fields' -> 'invoice_number' ->> 'value') = lower($4)) AS duplicate""";

    private static final String RENEW = "UPDATE invoices SET lease_expires_at = $4" + FENCE;

    private static final String RETRY_LATER = "UPDATE invoices SET lease_owner = NULL, lease_expires_at = $4" + FENCE;

    /** A hand-back on shutdown is not the document's fault, so it gives the attempt back. */
    private static final String HAND_BACK = "UPDATE invoices SET lease_owner = NULL, lease_expires_at = $4, "
            + "attempts = attempts - 1" + FENCE;

    private final Pool pool;
    private final ObjectMapper json;
    private final WebhookEventStore webhookEvents;

    JobQueue(Pool pool, ObjectMapper json, WebhookEventStore webhookEvents) {
        this.pool = pool;
        this.json = json;
        this.webhookEvents = webhookEvents;
    }

    /**
     * Claims up to {@code limit} jobs, fairly across accounts (see {@link #CLAIM}) and oldest upload
     * first within one, each leased to {@code owner} until {@code leaseEnd}. A job that was PENDING
     * gets its {@code invoice.processing} webhook event in the claim's transaction.
     */
    public Uni<List<ClaimedJob>> claim(String owner, int limit, Instant now, Instant leaseEnd) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(owner, timestamp(leaseEnd), timestamp(now), limit))
                .flatMap(rows -> {
                    List<ClaimedJob> jobs = new ArrayList<>(rows.size());
                    Uni<Void> recorded = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        ClaimedJob job = new ClaimedJob(row.getUUID("id"), row.getUUID("account_id"),
                                row.getString("blob_key"), row.getInteger("attempts"), owner,
                                InvoiceStatus.valueOf(row.getString("previous_status")));
                        jobs.add(job);
                        if (job.previousStatus() == InvoiceStatus.PENDING) {
                            recorded = recorded.chain(() -> webhookEvents.append(connection,
                                    InvoiceEventType.PROCESSING.wireName(), job.accountId(), view(row), now));
                        }
                    }
                    return recorded.replaceWith(jobs);
                }));
    }

    /**
     * Ends the job, only if this claim still holds it, with the outcome's webhook events in the same
     * transaction. False when it does not (its lease was taken over, or the invoice deleted): then
     * someone else finishes it, or nobody needs to.
     */
    public Uni<Boolean> complete(ClaimedJob job, JobOutcome outcome, Instant now) {
        return pool.withTransaction(connection -> completeIn(connection, job, outcome, now))
                .map(done -> done != null);
    }

    /**
     * Ends a job whose document was read: {@code decide} turns whether the account already has
     * another invoice from {@code vendor} numbered {@code number} (false when either is null) into
     * the outcome, which is stored in the same transaction as that answer. Null when this claim no
     * longer holds the job.
     */
    public Uni<JobOutcome> completeRead(ClaimedJob job, String vendor, String number, Function<Boolean, JobOutcome> decide,
                                        Instant now) {
        return pool.withTransaction(connection -> duplicateExists(connection, job, vendor, number)
                .flatMap(duplicate -> completeIn(connection, job, decide.apply(duplicate), now)));
    }

    private Uni<Boolean> duplicateExists(SqlConnection connection, ClaimedJob job, String vendor, String number) {
        if (vendor == null || number == null) {
            return Uni.createFrom().item(false);
        }
        String lockKey = job.accountId() + "\n" + vendor.toLowerCase(Locale.ROOT) + "\n" + number.toLowerCase(Locale.ROOT);
        return connection.preparedQuery(LOCK_VENDOR_NUMBER).execute(Tuple.of(lockKey))
                .flatMap(locked -> connection.preparedQuery(DUPLICATE)
                        .execute(Tuple.of(job.accountId(), job.invoiceId(), vendor, number)))
                .map(rows -> rows.iterator().next().getBoolean("duplicate"));
    }

    /**
     * The update and its events, in the order a client follows the stages: {@code invoice.extracted}
     * and {@code invoice.validated} (the invoice as it stood at each, still PROCESSING) when there
     * was something read and checked, then the outcome's own event. Null when fenced out.
     */
    private Uni<JobOutcome> completeIn(SqlConnection connection, ClaimedJob job, JobOutcome outcome, Instant now) {
        Tuple params = fence(job).addString(outcome.status().name()).addString(truncate(outcome.message()))
                .addValue(outcome.extracted() == null ? null : new JsonObject(write(outcome.extracted())))
                .addValue(outcome.validation() == null ? null : new JsonObject(write(Validation.of(outcome.validation()))))
                .addValue(timestamp(now));
        return connection.preparedQuery(COMPLETE).execute(params).flatMap(rows -> {
            if (rows.rowCount() != 1) {
                return Uni.createFrom().nullItem();
            }
            InvoiceView done = view(rows.iterator().next());
            Uni<Void> recorded = Uni.createFrom().voidItem();
            if (outcome.extracted() != null) {
                recorded = recorded.chain(() -> webhookEvents.append(connection, InvoiceEventType.EXTRACTED.wireName(),
                        job.accountId(), done.atStage(done.extracted(), null), now));
            }
            if (outcome.validation() != null) {
                recorded = recorded.chain(() -> webhookEvents.append(connection, InvoiceEventType.VALIDATED.wireName(),
                        job.accountId(), done.atStage(done.extracted(), done.validation()), now));
            }
            InvoiceEventType type = InvoiceEventType.valueOf(outcome.status().name());
            return recorded.chain(() -> webhookEvents.append(connection, type.wireName(), job.accountId(), done, now))
                    .replaceWith(outcome);
        });
    }

    private InvoiceView view(Row row) {
        Object extracted = row.getValue("extracted");
        Object validation = row.getValue("validation");
        OffsetDateTime processedAt = row.getOffsetDateTime("processed_at");
        try {
            return new InvoiceView(row.getUUID("id"), row.getString("file_name"), row.getLong("file_size"),
                    row.getString("sha256"), InvoiceStatus.valueOf(row.getString("status")), row.getString("error_message"),
                    extracted == null ? null : json.readValue(extracted.toString(), ExtractedContent.class),
                    validation == null ? null : json.readValue(validation.toString(), Validation.class).checks(),
                    row.getOffsetDateTime("uploaded_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                    processedAt == null ? null : processedAt.toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored extraction and checks always read back", e);
        }
    }

    /** Extends the lease; false when this claim no longer holds the job. */
    public Uni<Boolean> renew(ClaimedJob job, Instant leaseEnd) {
        return updateFenced(RENEW, job, leaseEnd);
    }

    /** Lets the job be claimed again at {@code when}, after a transient failure; the attempt stays counted. */
    public Uni<Boolean> retryLater(ClaimedJob job, Instant when) {
        return updateFenced(RETRY_LATER, job, when);
    }

    /** Lets another worker claim the job at once, attempt given back (this replica is stopping). */
    public Uni<Boolean> handBack(ClaimedJob job, Instant now) {
        return updateFenced(HAND_BACK, job, now);
    }

    private Uni<Boolean> updateFenced(String sql, ClaimedJob job, Instant instant) {
        return pool.preparedQuery(sql).execute(fence(job).addValue(timestamp(instant)))
                .map(RowSet::rowCount).map(count -> count == 1);
    }

    private static Tuple fence(ClaimedJob job) {
        return Tuple.of(job.invoiceId(), job.leaseOwner(), job.attempt());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an extraction and its checks always serialise", e);
        }
    }

    private static String truncate(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE - 1) + "\u2026";
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
