package com.envoyx.invoice.keychain.service;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.config.KeyThrottleConfig;

import io.smallrye.mutiny.Uni;

/**
 * Bounds the key lookups one client address has in flight on this replica: at most
 * {@code concurrent-exchanges} at a time, the next ones wait their turn in order, and only beyond
 * {@code queued-exchanges} waiting is a request refused (503, retry in a second). A busy client
 * whose keys are not cached yet is slowed down, never refused; a client sending made-up keys gets
 * no more than a few lookups ahead of its throttle. A request that goes away while waiting gives
 * its place up.
 */
@ApplicationScoped
class ExchangeLanes {

    private static final long RETRY_AFTER_SECONDS = 1;

    private final KeyThrottleConfig config;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    ExchangeLanes(KeyThrottleConfig config) {
        this.config = config;
    }

    /** Runs {@code work} once the address's lane has room. */
    <T> Uni<T> inTurn(String lane, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> turn = new CompletableFuture<>();
            boolean[] full = {false};
            lanes.compute(lane, (name, current) -> {
                Lane state = current == null ? new Lane() : current;
                if (state.running < config.concurrentExchanges()) {
                    state.running++;
                    turn.complete(null);
                } else if (state.waiting.size() < config.queuedExchanges()) {
                    state.waiting.add(turn);
                } else {
                    full[0] = true;
                }
                return state;
            });
            if (full[0]) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        ErrorCode.SERVICE_UNAVAILABLE.message(), null, RETRY_AFTER_SECONDS));
            }
            return Uni.createFrom().completionStage(turn)
                    .flatMap(ignored -> work.get())
                    // Cancelling succeeds only for a turn never given: that place is skipped later.
                    // Otherwise this request held a place, and hands it on.
                    .onTermination().invoke(() -> {
                        if (!turn.cancel(false)) {
                            handOn(lane);
                        }
                    });
        });
    }

    /** Gives the place to the next waiting request, or frees it; completes the turn outside the map's lock. */
    private void handOn(String lane) {
        while (true) {
            CompletableFuture<?>[] next = {null};
            lanes.computeIfPresent(lane, (name, state) -> {
                next[0] = state.waiting.poll();
                if (next[0] == null) {
                    state.running--;
                }
                return state.running == 0 && state.waiting.isEmpty() ? null : state;
            });
            if (next[0] == null || next[0].complete(null)) {
                return;
            }
        }
    }

    /** Guarded by the map's lock on its key. */
    private static final class Lane {
        int running;
        final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    }
}
