package com.envoyx.auth.audit.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.envoyx.auth.account.rest.CurrentUser;
import com.envoyx.auth.account.rest.SessionRequired;
import com.envoyx.auth.audit.model.AuditEvent;
import com.envoyx.auth.audit.service.AuditLog;
import com.envoyx.auth.error.Violations;
import com.envoyx.contracts.envelope.Envelope;

import io.smallrye.mutiny.Uni;

/** The account's audit trail, newest first. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@SessionRequired
public class AuditResource {

    private static final int MAX_LIMIT = 200;

    private final AuditLog audit;
    private final CurrentUser currentUser;

    AuditResource(AuditLog audit, CurrentUser currentUser) {
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** One line as the API shows it. */
    public record AuditEventView(UUID id, String action, UUID actorId, String actor, UUID apiKeyId,
            String keyName, String keyHint, String details, Instant occurredAt) {

        static AuditEventView of(AuditEvent event) {
            return new AuditEventView(event.id, event.action, event.actorId, event.actor, event.apiKeyId,
                    event.keyName, event.keyHint, event.details, event.occurredAt);
        }
    }

    @GET
    public Uni<Envelope> list(@QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("api_key_id") UUID apiKeyId) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Violations.single("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return audit.latest(currentUser.get().accountId(), apiKeyId, limit)
                .map(events -> Envelope.ok(200, "AUDIT_EVENTS_LISTED", "Audit events.",
                        Map.of("items", events.stream().map(AuditEventView::of).toList())));
    }
}
