package com.envoyx.invoice.keychain.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.contracts.events.ApiKeyEvents;
import com.envoyx.invoice.keychain.model.ApiKeyChanged;
import com.envoyx.invoice.platform.RedisConfig;
import com.envoyx.invoice.platform.SubscriberConnections;
import com.envoyx.invoice.ratelimit.service.RequestLimiter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Listens on {@code <prefix>events:api-keys} and drops the cached credentials of every key
 * auth-service announces (revoked, deleted, expired, rotated, limits changed: each makes the
 * cached token wrong) and what this replica decided for the key's budget alone (remembered
 * refusals, slices; the event's {@code budget_id}), then fires {@link ApiKeyChanged} for holders of longer-lived state (open
 * WebSockets). Whenever the subscription is (re)established all of it is dropped for every key, because
 * events published while it was down are lost. The subscription has a connection of its own
 * ({@link SubscriberConnections}): on a Redis Cluster a lost node costs a resubscription on the
 * next one, where the cluster client could not connect until every node was back.
 */
@ApplicationScoped
class KeyEventListener {

    private static final Logger LOG = Logger.getLogger(KeyEventListener.class);

    private final SubscriberConnections connections;
    private final CredentialCache cache;
    private final RequestLimiter limiter;
    private final ObjectMapper json;
    private final Event<ApiKeyChanged> changes;
    private final String channel;
    private Cancellable subscription;

    KeyEventListener(SubscriberConnections connections, CredentialCache cache, RequestLimiter limiter, ObjectMapper json,
                     Event<ApiKeyChanged> changes, RedisConfig redisConfig) {
        this.connections = connections;
        this.cache = cache;
        this.limiter = limiter;
        this.json = json;
        this.changes = changes;
        this.channel = redisConfig.keyPrefix() + ApiKeyEvents.CHANNEL;
    }

    void start(@Observes StartupEvent event) {
        subscription = connections.messages(channel, this::forgetAll)
                .onCompletion().failWith(() -> new IllegalStateException("key event subscription ended"))
                .onFailure().invoke(e -> LOG.warnf("Key event subscription on %s lost (%s); resubscribing", channel, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(this::onMessage);
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void forgetAll() {
        cache.invalidateAll();
        limiter.forgetAll();
    }

    void onMessage(String message) {
        try {
            JsonNode event = json.readTree(message);
            JsonNode keyId = event.get(ApiKeyEvents.FIELD_KEY_ID);
            if (keyId == null || !keyId.isTextual()) {
                LOG.warnf("Key event without key_id ignored on %s", channel);
                return;
            }
            UUID id = UUID.fromString(keyId.asText());
            cache.invalidate(id);
            limiter.forget(budgetOf(event, id));
            changes.fire(new ApiKeyChanged(id, type(event.get(ApiKeyEvents.FIELD_TYPE))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("Unreadable key event ignored on %s: %s", channel, e.getMessage());
        }
    }

    /** The event's budget; the key's own id when absent (an older auth-service) or unreadable. */
    private UUID budgetOf(JsonNode event, UUID keyId) {
        JsonNode budgetId = event.get(ApiKeyEvents.FIELD_BUDGET_ID);
        if (budgetId == null || !budgetId.isTextual()) {
            return keyId;
        }
        try {
            return UUID.fromString(budgetId.asText());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Key event with an unreadable budget_id on %s; forgetting the key's own id", channel);
            return keyId;
        }
    }

    private static Optional<ApiKeyEvents.Type> type(JsonNode type) {
        return type == null ? Optional.empty()
                : Arrays.stream(ApiKeyEvents.Type.values()).filter(t -> t.wireName().equals(type.asText())).findFirst();
    }
}
