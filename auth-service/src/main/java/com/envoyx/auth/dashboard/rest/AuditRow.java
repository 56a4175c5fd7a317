package com.envoyx.auth.dashboard.rest;

import com.envoyx.auth.audit.model.AuditEvent;

/** One audit line as the audit log page shows it. */
public record AuditRow(String when, String whenIso, String actor, String action, String keyName, String keyHint,
        String details) {

    static AuditRow of(AuditEvent event) {
        return new AuditRow(Times.minute(event.occurredAt, ""), Times.iso(event.occurredAt), event.actor,
                event.action, event.keyName, event.keyHint, event.details);
    }
}
