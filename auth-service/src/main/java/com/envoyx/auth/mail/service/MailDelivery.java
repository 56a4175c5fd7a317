package com.envoyx.auth.mail.service;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.auth.mail.config.MailConfig;
import com.envoyx.auth.mail.model.OutboxMail;
import com.envoyx.auth.mail.repository.MailOutboxRepository;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends due outbox mails over SMTP, one at a time, deleting each once the server accepted it. A
 * refusal or an unreachable server reschedules the mail with a doubling wait (capped), so nothing
 * is lost while SMTP is down; a mail that can no longer be opened (sealed under a replaced signing
 * key) is dropped with an error, since it could never be sent.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final int BATCH = 20;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {
    };

    private final MailOutboxRepository outbox;
    private final MailSeal seal;
    private final ReactiveMailer mailer;
    private final Engine templates;
    private final ObjectMapper json;
    private final MailConfig config;
    private final Clock clock;
    /** One round at a time per replica; a request for another round during one runs it afterwards. */
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    MailDelivery(MailOutboxRepository outbox, MailSeal seal, ReactiveMailer mailer, Engine templates,
            ObjectMapper json, MailConfig config, Clock clock) {
        this.outbox = outbox;
        this.seal = seal;
        this.mailer = mailer;
        this.templates = templates;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${envoyx.mail.dispatch-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> deliverDue() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return deliverBatches()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Mail outbox unreachable, retrying next round: %s", e.getClass().getSimpleName());
                    return null;
                })
                .eventually(() -> running.set(false))
                .chain(() -> again.get() ? deliverDue() : Uni.createFrom().voidItem());
    }

    void deliverInBackground() {
        deliverDue().subscribe().with(done -> {
        }, e -> LOG.warnf("Mail delivery failed: %s", e.getClass().getSimpleName()));
    }

    private Uni<Void> deliverBatches() {
        Instant now = clock.instant();
        return outbox.claimDue(now, now.plus(config.sendLease()), BATCH)
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(this::deliver)
                        .collect().last()
                        .replaceWith(claimed))
                .chain((List<OutboxMail> claimed) -> claimed.size() == BATCH ? deliverBatches() : Uni.createFrom().voidItem());
    }

    private Uni<Void> deliver(OutboxMail mail) {
        Map<String, String> data;
        try {
            data = json.readValue(seal.open(mail.sealedData), DATA);
        } catch (GeneralSecurityException | java.io.IOException e) {
            LOG.errorf("Outbox mail %s (%s) cannot be opened and is dropped: %s", mail.id, mail.kind,
                    e.getClass().getSimpleName());
            return outbox.deleteSent(mail.id);
        }
        Mail message = Mail.withText(mail.recipient, mail.kind.subject(), render(mail, data, "txt"))
                .setHtml(render(mail, data, "html"));
        return mailer.send(message)
                .chain(() -> outbox.deleteSent(mail.id))
                .invoke(() -> LOG.infof("Sent %s mail %s", mail.kind, mail.id))
                .onFailure().recoverWithUni(e -> {
                    Duration wait = backoff(mail.attempts);
                    LOG.warnf("Sending %s mail %s failed (attempt %d, next in %ds): %s", mail.kind, mail.id,
                            mail.attempts, wait.toSeconds(), e.getClass().getSimpleName());
                    return outbox.reschedule(mail.id, clock.instant().plus(wait), e.getClass().getSimpleName());
                });
    }

    private String render(OutboxMail mail, Map<String, String> data, String variant) {
        TemplateInstance instance = templates.getTemplate("mail/" + mail.kind.template() + "." + variant).instance();
        data.forEach(instance::data);
        return instance.render();
    }

    /** 2 s, 4 s, 8 s, ... up to the configured maximum. */
    private Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(config.retryMaxBackoff()) > 0 ? config.retryMaxBackoff() : wait;
    }
}
