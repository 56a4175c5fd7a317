package com.envoyx.auth.apikey.client;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.config.KeyEventConfig;
import com.envoyx.auth.apikey.model.PendingKeyEvent;
import com.envoyx.auth.platform.RedisKeys;
import com.envoyx.contracts.events.ApiKeyEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;

/**
 * Announces key changes on Redis pub/sub ({@link ApiKeyEvents}) so every replica of every service
 * drops its cached credential at once. A PUBLISH that fails or does not answer within the
 * configured timeout fails the returned Uni: the outbox keeps the event and tries again.
 */
@ApplicationScoped
public class KeyEventPublisher {

    private final ReactivePubSubCommands<String> pubsub;
    private final String channel;
    private final ObjectMapper json;
    private final KeyEventConfig config;

    KeyEventPublisher(ReactiveRedisDataSource redis, RedisKeys keys, ObjectMapper json, KeyEventConfig config) {
        this.pubsub = redis.pubsub(String.class);
        this.channel = keys.key(ApiKeyEvents.CHANNEL);
        this.json = json;
        this.config = config;
    }

    public Uni<Void> publish(PendingKeyEvent pending) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(ApiKeyEvents.FIELD_TYPE, pending.type.wireName());
        event.put(ApiKeyEvents.FIELD_KEY_ID, pending.keyId.toString());
        event.put(ApiKeyEvents.FIELD_BUDGET_ID, pending.budgetId.toString());
        event.put(ApiKeyEvents.FIELD_ACCOUNT_ID, pending.accountId.toString());
        event.put(ApiKeyEvents.FIELD_AT, pending.occurredAt.toEpochMilli());
        String message;
        try {
            message = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return pubsub.publish(channel, message).ifNoItem().after(config.publishTimeout()).fail();
    }
}
