package com.envoyx.auth.apikey.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.apikey.model.PendingKeyEvent;
import com.envoyx.auth.apikey.repository.KeyEventOutboxRepository;
import com.envoyx.contracts.events.ApiKeyEvents;

import io.smallrye.mutiny.Uni;

/**
 * Where a key change puts the event it calls for: {@link #add} joins the caller's transaction, so
 * the event exists exactly when the change does (nothing announced for a change that rolled back,
 * nothing lost for one that committed). After the commit the caller calls {@link #publishNow} (or
 * {@link #publishSoon()} for work nobody waits on); the scheduled dispatch catches whatever that
 * misses, until Redis accepts.
 */
@ApplicationScoped
public class KeyEventOutbox {

    private final KeyEventOutboxRepository outbox;
    private final KeyEventDispatcher dispatcher;
    private final Clock clock;

    KeyEventOutbox(KeyEventOutboxRepository outbox, KeyEventDispatcher dispatcher, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Within the caller's transaction. */
    public Uni<PendingKeyEvent> add(ApiKeyEvents.Type type, ApiKey key) {
        PendingKeyEvent event = new PendingKeyEvent();
        event.id = UUID.randomUUID();
        event.type = type;
        event.keyId = key.id;
        event.budgetId = key.budgetId;
        event.accountId = key.accountId;
        event.occurredAt = clock.instant();
        event.nextAttemptAt = event.occurredAt;
        return outbox.persist(event);
    }

    /** After the commit: publish the event at once; completes when Redis took it or the try failed. */
    public Uni<Void> publishNow(PendingKeyEvent event) {
        return dispatcher.publishNow(event);
    }

    /** After the commit: publish now rather than at the next scheduled round. */
    public void publishSoon() {
        dispatcher.dispatchInBackground();
    }
}
