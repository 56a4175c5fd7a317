package com.envoyx.auth.mail.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.mail.model.MailKind;
import com.envoyx.auth.mail.model.OutboxMail;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The mail outbox. Mails are added with {@code persist} inside the transaction of the change that
 * causes them; delivery claims, deletes and reschedules them with single statements on the plain
 * pool, because it runs from the scheduler where no Hibernate session is open.
 */
@ApplicationScoped
public class MailOutboxRepository implements PanacheRepositoryBase<OutboxMail, UUID> {

    /**
     * Claims due mails by pushing their next attempt past the lease, in one statement: two
     * replicas never claim the same mail (SKIP LOCKED), and a replica that dies while sending
     * leaves the mail due again once the lease ends.
     */
    private static final String CLAIM_DUE = """
            UPDATE mail_outbox SET next_attempt_at = $2, attempts = attempts + 1
            WHERE id IN (SELECT id FROM mail_outbox WHERE next_attempt_at <= $1
                         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient, kind, sealed_data, created_at, attempts, next_attempt_at""";
    private static final String DELETE_SENT = "DELETE FROM mail_outbox WHERE id = $1";
    private static final String RESCHEDULE = "UPDATE mail_outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1";

    private final Pool pool;

    MailOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<OutboxMail>> claimDue(Instant now, Instant leaseEnd, int limit) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(utc(now), utc(leaseEnd), limit)).map(rows -> {
            List<OutboxMail> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(mail(row));
            }
            return claimed;
        });
    }

    public Uni<Void> deleteSent(UUID id) {
        return pool.preparedQuery(DELETE_SENT).execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> reschedule(UUID id, Instant nextAttempt, String error) {
        return pool.preparedQuery(RESCHEDULE).execute(Tuple.of(id, utc(nextAttempt), error)).replaceWithVoid();
    }

    private static OutboxMail mail(Row row) {
        OutboxMail mail = new OutboxMail();
        mail.id = row.getUUID("id");
        mail.recipient = row.getString("recipient");
        mail.kind = MailKind.valueOf(row.getString("kind"));
        mail.sealedData = row.getBuffer("sealed_data").getBytes();
        mail.createdAt = row.getOffsetDateTime("created_at").toInstant();
        mail.attempts = row.getInteger("attempts");
        mail.nextAttemptAt = row.getOffsetDateTime("next_attempt_at").toInstant();
        return mail;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
