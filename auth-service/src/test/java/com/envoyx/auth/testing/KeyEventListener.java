package com.envoyx.auth.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.envoyx.contracts.events.ApiKeyEvents;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.vertx.core.json.JsonObject;

/** A Redis subscriber on the key-event channel, as any other service would run it. */
public final class KeyEventListener implements AutoCloseable {

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final PubSubCommands.RedisSubscriber subscriber;

    public KeyEventListener(RedisDataSource redis, String keyPrefix) {
        subscriber = redis.pubsub(String.class)
                .subscribe(keyPrefix + ApiKeyEvents.CHANNEL, message -> received.add(new JsonObject(message)));
    }

    /** The next event about the key, skipping events about other keys; fails after the timeout. */
    public JsonObject next(String keyId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject event = received.poll(10, TimeUnit.MILLISECONDS);
            if (event != null && keyId.equals(event.getString(ApiKeyEvents.FIELD_KEY_ID))) {
                return event;
            }
        }
        throw new AssertionError("no event for key " + keyId + " within " + timeout);
    }

    @Override
    public void close() {
        subscriber.unsubscribe();
    }
}
