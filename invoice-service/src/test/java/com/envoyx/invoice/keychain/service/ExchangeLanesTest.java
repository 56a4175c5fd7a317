package com.envoyx.invoice.keychain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.config.KeyThrottleConfig;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

/** The per-address lanes of key lookups: a bound in flight, waiting in order, a bounded queue, and places given up. */
class ExchangeLanesTest {

    private static final int CONCURRENT = 2;
    private static final int QUEUED = 3;

    private final ExchangeLanes lanes = new ExchangeLanes(new Limits());
    private final List<UniEmitter<? super String>> running = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    @Test
    void atMostTheBoundRunsAndTheRestWaitInOrder() {
        List<UniAssertSubscriber<String>> requests = new ArrayList<>();
        for (int i = 0; i < CONCURRENT + QUEUED; i++) {
            requests.add(lanes.inTurn("198.51.100.1", this::lookup).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        assertEquals(CONCURRENT, started.get(), "lookups started before any ended");

        running.get(0).complete("first");
        requests.get(0).assertItem("first");
        assertEquals(CONCURRENT + 1, started.get(), "the next waiting lookup takes the freed place");
        running.get(CONCURRENT).complete("third");
        requests.get(CONCURRENT).assertItem("third");
        requests.get(1).assertNotTerminated();
    }

    @Test
    void beyondTheQueueIsRefusedWith503AndOtherAddressesHaveTheirOwnLane() {
        for (int i = 0; i < CONCURRENT + QUEUED; i++) {
            lanes.inTurn("198.51.100.2", this::lookup).subscribe().withSubscriber(UniAssertSubscriber.create());
        }
        Throwable refused = lanes.inTurn("198.51.100.2", this::lookup).subscribe()
                .withSubscriber(UniAssertSubscriber.create()).assertFailed().getFailure();
        ApiException refusal = assertInstanceOf(ApiException.class, refused);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refusal.code());
        assertEquals(1L, refusal.retryAfterSeconds().getAsLong());

        int before = started.get();
        lanes.inTurn("198.51.100.3", this::lookup).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(before + 1, started.get(), "another address starts at once");
    }

    @Test
    void aRequestThatLeavesWhileWaitingGivesItsPlaceUp() {
        List<UniAssertSubscriber<String>> requests = new ArrayList<>();
        for (int i = 0; i < CONCURRENT + 2; i++) {
            requests.add(lanes.inTurn("198.51.100.4", this::lookup).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        requests.get(CONCURRENT).cancel();
        running.get(0).complete("done");
        assertEquals(CONCURRENT + 1, started.get());
        running.get(CONCURRENT).complete("after the one that left");
        requests.get(CONCURRENT + 1).assertItem("after the one that left");
    }

    @Test
    void aFailedLookupFreesItsPlaceToo() {
        List<UniAssertSubscriber<String>> requests = new ArrayList<>();
        for (int i = 0; i < CONCURRENT + 1; i++) {
            requests.add(lanes.inTurn("198.51.100.5", this::lookup).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        running.get(0).fail(new IllegalStateException("auth-service away"));
        requests.get(0).assertFailedWith(IllegalStateException.class);
        assertEquals(CONCURRENT + 1, started.get(), "the waiting lookup started");
    }

    private Uni<String> lookup() {
        started.incrementAndGet();
        return Uni.createFrom().emitter(running::add);
    }

    private static final class Limits implements KeyThrottleConfig {
        @Override
        public int maxAttempts() {
            return 60;
        }

        @Override
        public Duration window() {
            return Duration.ofMinutes(1);
        }

        @Override
        public Duration deadline() {
            return Duration.ofMillis(500);
        }

        @Override
        public int ipv6PrefixLength() {
            return 64;
        }

        @Override
        public int concurrentExchanges() {
            return CONCURRENT;
        }

        @Override
        public int queuedExchanges() {
            return QUEUED;
        }
    }
}
