package com.envoyx.invoice.platform;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A circuit breaker for one remote dependency, small enough to stay on the caller's thread
 * (no executor hop on the hot path) and reading time from the service clock.
 *
 * <p>Closed: calls go through; the outcomes of the last {@code window} calls are kept, and when
 * the configured share of them failed, the breaker opens. Open: calls
 * fail at once with {@link CircuitOpenException} for {@code openFor}. Then half-open: one probe
 * at a time; {@code closeAfter} consecutive successful probes close it, a failed probe opens it again.
 */
public final class CircuitBreaker {

    private enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final BreakerConfig config;
    private final Clock clock;
    private final boolean[] failures;
    private int next;
    private int recorded;
    private int failed;
    private State state = State.CLOSED;
    private Instant openUntil = Instant.MIN;
    private int probeSuccesses;
    private boolean probeInFlight;

    public CircuitBreaker(String name, BreakerConfig config, Clock clock) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.failures = new boolean[config.window()];
    }

    /** Runs the call unless the breaker is open; every outcome of an admitted call is recorded. */
    public <T> Uni<T> call(Supplier<Uni<T>> remoteCall) {
        return Uni.createFrom().deferred(() -> {
            boolean probe;
            synchronized (this) {
                if (!admit()) {
                    return Uni.createFrom().failure(new CircuitOpenException(name));
                }
                probe = state == State.HALF_OPEN;
            }
            return remoteCall.get().onItemOrFailure().invoke((item, failure) -> record(failure == null, probe));
        });
    }

    private boolean admit() {
        if (state == State.OPEN) {
            if (clock.instant().isBefore(openUntil)) {
                return false;
            }
            state = State.HALF_OPEN;
            probeSuccesses = 0;
            probeInFlight = false;
        }
        if (state == State.HALF_OPEN) {
            if (probeInFlight) {
                return false;
            }
            probeInFlight = true;
        }
        return true;
    }

    private synchronized void record(boolean success, boolean probe) {
        if (probe) {
            probeInFlight = false;
            if (state != State.HALF_OPEN) {
                return;
            }
            if (!success) {
                open();
            } else if (++probeSuccesses >= config.closeAfter()) {
                close();
            }
            return;
        }
        if (state != State.CLOSED) {
            return;
        }
        if (recorded == failures.length && failures[next]) {
            failed--;
        }
        failures[next] = !success;
        if (!success) {
            failed++;
        }
        next = (next + 1) % failures.length;
        recorded = Math.min(recorded + 1, failures.length);
        if (recorded == failures.length && failed >= config.failureRatio() * failures.length) {
            open();
        }
    }

    private void open() {
        state = State.OPEN;
        openUntil = clock.instant().plus(config.openFor());
    }

    private void close() {
        state = State.CLOSED;
        next = 0;
        recorded = 0;
        failed = 0;
        Arrays.fill(failures, false);
    }
}
