package com.envoyx.auth.apikey.client;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.auth.platform.RedisKeys;
import com.envoyx.contracts.events.ApiKeyEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;

/**
 * Announces key changes on Redis pub/sub ({@link ApiKeyEvents}) so every replica of every service
 * drops its cached credential at once. Called after the change is committed. A failed publish is
 * logged and swallowed: the change itself stands, and tokens still die within their lifetime.
 */
@ApplicationScoped
public class KeyEventPublisher {

    private static final Logger LOG = Logger.getLogger(KeyEventPublisher.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final String channel;
    private final ObjectMapper json;
    private final Clock clock;

    KeyEventPublisher(ReactiveRedisDataSource redis, RedisKeys keys, ObjectMapper json, Clock clock) {
        this.pubsub = redis.pubsub(String.class);
        this.channel = keys.key(ApiKeyEvents.CHANNEL);
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> publish(ApiKeyEvents.Type type, UUID keyId, UUID accountId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(ApiKeyEvents.FIELD_TYPE, type.wireName());
        event.put(ApiKeyEvents.FIELD_KEY_ID, keyId.toString());
        event.put(ApiKeyEvents.FIELD_ACCOUNT_ID, accountId.toString());
        event.put(ApiKeyEvents.FIELD_AT, clock.millis());
        String message;
        try {
            message = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return pubsub.publish(channel, message)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not announce %s of key %s: %s", type.wireName(), keyId, e.getClass().getSimpleName());
                    return null;
                });
    }
}
