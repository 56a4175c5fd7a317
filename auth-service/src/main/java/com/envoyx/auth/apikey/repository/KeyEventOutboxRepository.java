package com.envoyx.auth.apikey.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.PendingKeyEvent;
import com.envoyx.contracts.events.ApiKeyEvents;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The key event outbox. Events are added with {@code persist} inside the transaction of the key
 * change; the dispatcher claims, deletes and reschedules them with single statements on the plain
 * pool, because it runs from the scheduler where no Hibernate session is open.
 */
@ApplicationScoped
public class KeyEventOutboxRepository implements PanacheRepositoryBase<PendingKeyEvent, UUID> {

    /**
     * Claims due events by pushing their next attempt past the lease, in one statement: two
     * replicas never claim the same event (SKIP LOCKED), and a replica that dies while publishing
     * leaves the event due again once the lease ends (published twice then, which subscribers
     * take as one: dropping a credential twice is dropping it once).
     */
    private static final String CLAIM_DUE = """
            UPDATE key_event_outbox SET next_attempt_at = $2, attempts = attempts + 1
            WHERE id IN (SELECT id FROM key_event_outbox WHERE next_attempt_at <= $1
                         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_type, api_key_id, budget_id, account_id, occurred_at, attempts, next_attempt_at""";
    /** Claims one event, unless another replica holds it or it is not due (published or rescheduled meanwhile). */
    private static final String CLAIM_ONE = """
            UPDATE key_event_outbox SET next_attempt_at = $3, attempts = attempts + 1
            WHERE id = (SELECT id FROM key_event_outbox WHERE id = $1 AND next_attempt_at <= $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, event_type, api_key_id, budget_id, account_id, occurred_at, attempts, next_attempt_at""";
    private static final String DELETE_PUBLISHED = "DELETE FROM key_event_outbox WHERE id = $1";
    private static final String RESCHEDULE = "UPDATE key_event_outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1";

    private final Pool pool;

    KeyEventOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<PendingKeyEvent>> claimDue(Instant now, Instant leaseEnd, int limit) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(utc(now), utc(leaseEnd), limit)).map(rows -> {
            List<PendingKeyEvent> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(event(row));
            }
            return claimed;
        });
    }

    /** The event, claimed until {@code leaseEnd}; null when it is not there to claim. */
    public Uni<PendingKeyEvent> claim(UUID id, Instant now, Instant leaseEnd) {
        return pool.preparedQuery(CLAIM_ONE).execute(Tuple.of(id, utc(now), utc(leaseEnd)))
                .map(rows -> rows.iterator().hasNext() ? event(rows.iterator().next()) : null);
    }

    public Uni<Void> deletePublished(UUID id) {
        return pool.preparedQuery(DELETE_PUBLISHED).execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> reschedule(UUID id, Instant nextAttempt, String error) {
        return pool.preparedQuery(RESCHEDULE).execute(Tuple.of(id, utc(nextAttempt), error)).replaceWithVoid();
    }

    private static PendingKeyEvent event(Row row) {
        PendingKeyEvent event = new PendingKeyEvent();
        event.id = row.getUUID("id");
        event.type = ApiKeyEvents.Type.valueOf(row.getString("event_type"));
        event.keyId = row.getUUID("api_key_id");
        event.budgetId = row.getUUID("budget_id");
        event.accountId = row.getUUID("account_id");
        event.occurredAt = row.getOffsetDateTime("occurred_at").toInstant();
        event.attempts = row.getInteger("attempts");
        event.nextAttemptAt = row.getOffsetDateTime("next_attempt_at").toInstant();
        return event;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
