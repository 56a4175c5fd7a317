package com.envoyx.invoice.webhooks.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.webhooks.model.CompactJson;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox: appends an event and its deliveries (one per active endpoint of the account that
 * wants the type) in one statement, inside the caller's transaction, so the event exists exactly
 * when the change that caused it was committed. Nothing is written for an account without such an
 * endpoint. The body is rendered here, once: every attempt sends and signs these bytes.
 */
@ApplicationScoped
public class WebhookEventStore {

    private static final String WANTS = "w.account_id = CAST($2 AS uuid) AND w.status = 'active' "
            + "AND (' ' || w.events || ' ') LIKE ('% ' || CAST($3 AS varchar) || ' %')";

    private static final String APPEND = """
            WITH evt AS (
                INSERT INTO webhook_events (id, account_id, type, body, created_at)
                SELECT CAST($1 AS varchar), CAST($2 AS uuid), CAST($3 AS varchar), CAST($4 AS text), CAST($5 AS timestamptz)
                 WHERE EXISTS (SELECT 1 FROM webhook_endpoints w WHERE %1$s)
                RETURNING id)
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, account_id, state, attempts, next_attempt_at, created_at)
            SELECT gen_random_uuid(), evt.id, w.id, w.account_id, 'pending', 0, CAST($5 AS timestamptz), CAST($5 AS timestamptz)
              FROM evt JOIN webhook_endpoints w ON %1$s""".formatted(WANTS);

    /** A test event goes to the one endpoint it was asked for, whatever types it wants. */
    private static final String APPEND_TO_ONE = """
            WITH evt AS (
                INSERT INTO webhook_events (id, account_id, type, body, created_at)
                VALUES (CAST($1 AS varchar), CAST($2 AS uuid), CAST($3 AS varchar), CAST($4 AS text), CAST($5 AS timestamptz))
                RETURNING id)
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, account_id, state, attempts, next_attempt_at, created_at)
            SELECT CAST($7 AS uuid), evt.id, w.id, w.account_id, 'pending', 0, CAST($5 AS timestamptz), CAST($5 AS timestamptz)
              FROM evt JOIN webhook_endpoints w ON w.id = CAST($6 AS uuid) AND w.account_id = CAST($2 AS uuid)""";

    private final ObjectMapper json;

    WebhookEventStore(ObjectMapper json) {
        this.json = json;
    }

    /** Within a transaction of the reactive SQL client (the processing queue's statements). */
    public Uni<Void> append(SqlClient transaction, String type, UUID accountId, Object data, Instant at) {
        String id = newEventId();
        return transaction.preparedQuery(APPEND)
                .execute(Tuple.of(id, accountId, type, body(id, type, at, data), timestamp(at)))
                .replaceWithVoid();
    }

    /** Within the current Hibernate Reactive transaction (the API's changes). */
    public Uni<Void> append(String type, UUID accountId, Object data, Instant at) {
        String id = newEventId();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ordinal(APPEND))
                        .setParameter(1, id).setParameter(2, accountId).setParameter(3, type)
                        .setParameter(4, body(id, type, at, data)).setParameter(5, timestamp(at))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** An event for one endpoint only; answers the event id and the delivery id. */
    public Uni<Map<String, Object>> appendTo(UUID endpointId, String type, UUID accountId, Object data, Instant at) {
        String id = newEventId();
        UUID deliveryId = UUID.randomUUID();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ordinal(APPEND_TO_ONE))
                        .setParameter(1, id).setParameter(2, accountId).setParameter(3, type)
                        .setParameter(4, body(id, type, at, data)).setParameter(5, timestamp(at))
                        .setParameter(6, endpointId).setParameter(7, deliveryId)
                        .executeUpdate())
                .map(ignored -> Map.of("event_id", id, "delivery_id", deliveryId));
    }

    /** {@code {"id","event","created_at","data"}} in that order, compact, as JSON.stringify would write it. */
    String body(String id, String type, Instant at, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id);
        envelope.put("event", type);
        envelope.put("created_at", at);
        envelope.put("data", data);
        return CompactJson.write(json.valueToTree(envelope));
    }

    private static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Hibernate's native queries take ?1-style parameters; the reactive client's take $1. */
    private static String ordinal(String sql) {
        return sql.replaceAll("\\$(\\d+)", "?$1");
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
