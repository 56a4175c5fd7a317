package com.envoyx.auth.mail.service;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.mail.model.MailKind;
import com.envoyx.auth.mail.model.OutboxMail;
import com.envoyx.auth.mail.repository.MailOutboxRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Where a change puts the mail it causes: {@link #add} joins the caller's transaction, so the mail
 * exists exactly when the change does, and survives a restart until the SMTP server took it.
 * After the commit the caller calls {@link #sendSoon()}; the scheduled delivery catches whatever
 * that misses.
 */
@ApplicationScoped
public class MailOutbox {

    private final MailOutboxRepository outbox;
    private final MailSeal seal;
    private final MailDelivery delivery;
    private final ObjectMapper json;
    private final Clock clock;

    MailOutbox(MailOutboxRepository outbox, MailSeal seal, MailDelivery delivery, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.seal = seal;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
    }

    /** Within the caller's transaction: a mail of this kind to the recipient, its templates given {@code data}. */
    public Uni<Void> add(String recipient, MailKind kind, Map<String, String> data) {
        OutboxMail mail = new OutboxMail();
        mail.id = UUID.randomUUID();
        mail.recipient = recipient;
        mail.kind = kind;
        try {
            mail.sealedData = seal.seal(json.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        mail.createdAt = clock.instant();
        mail.nextAttemptAt = mail.createdAt;
        return outbox.persist(mail).replaceWithVoid();
    }

    /** After the commit: deliver now rather than at the next scheduled round. */
    public void sendSoon() {
        delivery.deliverInBackground();
    }
}
