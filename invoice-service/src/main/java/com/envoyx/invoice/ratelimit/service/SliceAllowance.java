package com.envoyx.invoice.ratelimit.service;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.ratelimit.client.RateLimitClient;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.model.SliceGrant;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The local allowance of keys whose general limit is large (operator-raised keys): requests are
 * admitted from a slice that ratelimit-service granted this replica (Reserve) instead of one Check
 * each. The service charged the whole slice to the window, so spending it here is exact across
 * replicas: a key never gets more than its limit in any window. Per key one Reserve is in flight
 * at a time, shared by every request waiting for it, and started ahead when the slice runs low;
 * a slice is spent only until its deadline (counted from when the Reserve was sent, minus a
 * margin). A slice that is being spent is renewed ahead of its deadline by a timer, so a key whose
 * requests are sparse on this replica (many keys sharing the traffic) does not meet an expired slice
 * and wait for a Reserve on most of its requests. Spent, replaced, expired or idle slices are
 * released: unused units go back to the
 * window, used ones become usage. Granted 0 becomes a local refusal. A key whose limit the service
 * will not slice (FAILED_PRECONDITION, or a service without Reserve) uses Check for a while; a
 * Reserve that fails (ratelimit-service or Redis down) sends the request to Check, whose failure
 * rules then apply.
 */
@ApplicationScoped
class SliceAllowance {

    private static final Logger LOG = Logger.getLogger(SliceAllowance.class);

    /** How long a key the service would not slice uses Check before Reserve is tried again. */
    private static final long CHECK_ONLY_MILLIS = 60_000;
    /** Slices one request may wait for before it falls back to Check (each taken empty by others first). */
    private static final int MAX_RESERVES_PER_REQUEST = 3;

    private static final Uni<RateLimitOutcome> USE_CHECK = Uni.createFrom().nullItem();

    private enum Reserved { GRANTED, REFUSED, USE_CHECK }

    private final RateLimitClient client;
    private final LocalRefusals refusals;
    private final Clock clock;
    private final Vertx vertx;
    private final long minLimit;
    private final long sweepMillis;
    private final Cache<UUID, KeySlices> keys;
    private long sweeper = -1;

    SliceAllowance(RateLimitClient client, LocalRefusals refusals, Clock clock, Vertx vertx, RateLimitConfig config) {
        this.client = client;
        this.refusals = refusals;
        this.clock = clock;
        this.vertx = vertx;
        this.minLimit = config.sliceMinLimit();
        this.sweepMillis = config.sliceSweepInterval().toMillis();
        // A key dropped for any reason (key event, size bound, idle) hands its slice back at once.
        this.keys = Caffeine.newBuilder()
                .maximumSize(config.localStateMaxKeys())
                .executor(Runnable::run)
                .<UUID, KeySlices>removalListener((id, key, cause) -> key.retireCurrent(this::release))
                .build();
    }

    void start(@Observes StartupEvent event) {
        sweeper = vertx.setPeriodic(sweepMillis, ignored -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweeper);
        keys.invalidateAll();
    }

    boolean applies(long generalLimit) {
        return generalLimit >= minLimit;
    }

    /** A non-upload request of a sliced key: admitted from a slice, refused locally, or null (use Check). */
    Uni<RateLimitOutcome> admit(KeyPrincipal principal, long generalLimit) {
        return admit(principal, generalLimit, 0);
    }

    void forget(UUID budgetId) {
        keys.invalidate(budgetId);
    }

    void forgetAll() {
        keys.invalidateAll();
    }

    private Uni<RateLimitOutcome> admit(KeyPrincipal principal, long generalLimit, int reserves) {
        KeySlices key = keys.get(principal.budgetId(), id -> new KeySlices());
        if (clock.millis() < key.checkOnlyUntil) {
            return USE_CHECK;
        }
        for (Slice slice = key.current.get(); slice != null; slice = key.current.get()) {
            long now = System.nanoTime();
            if (now - slice.deadlineNanos < 0) {
                long left = slice.left.decrementAndGet();
                if (left >= 0) {
                    if (slice.runningLow(left, now) && slice.prefetched.compareAndSet(false, true)) {
                        key.reserve(() -> reserve(principal, generalLimit, key)).subscribe().with(ignored -> {
                        });
                    }
                    return Uni.createFrom().item(admitted(slice, left));
                }
            }
            if (key.current.compareAndSet(slice, null)) {
                release(slice);
                break;
            }
        }
        if (reserves >= MAX_RESERVES_PER_REQUEST) {
            return USE_CHECK;
        }
        return key.reserve(() -> reserve(principal, generalLimit, key)).flatMap(reserved -> switch (reserved) {
            case GRANTED -> admit(principal, generalLimit, reserves + 1);
            case REFUSED -> {
                RateLimitOutcome refused = refusals.refusal(principal.budgetId(), false);
                yield refused == null ? USE_CHECK : Uni.createFrom().item(refused);
            }
            case USE_CHECK -> USE_CHECK;
        });
    }

    /** The Reserve itself; what it found is applied here once, whoever waits for it. */
    private Uni<Reserved> reserve(KeyPrincipal principal, long generalLimit, KeySlices key) {
        long askedAt = clock.millis();
        // Asks for the whole limit: the service caps a slice at its share of the limit and at what the window has left.
        return client.reserve(principal.token(), generalLimit, UUID.randomUUID().toString())
                .map(found -> apply(principal, generalLimit, key, found, askedAt))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Reserve for %s failed, Check decides: %s", principal, failure.getMessage());
                    return Reserved.USE_CHECK;
                });
    }

    private Reserved apply(KeyPrincipal principal, long generalLimit, KeySlices key, Optional<SliceGrant> found,
                           long askedAt) {
        if (found.isEmpty()) {
            key.checkOnlyUntil = clock.millis() + CHECK_ONLY_MILLIS;
            return Reserved.USE_CHECK;
        }
        SliceGrant grant = found.get();
        if (grant.degraded()) {
            return Reserved.USE_CHECK;
        }
        if (grant.granted() <= 0) {
            Slice live = key.current.get();
            if (live != null && live.left.get() > 0 && System.nanoTime() - live.deadlineNanos < 0) {
                // An early Reserve found the window full while this replica still holds units: spend those first.
                return Reserved.GRANTED;
            }
            Budget window = grant.window();
            refusals.remember(principal.budgetId(), new Budget(window.policy(), window.limit(), window.windowSeconds(), 0,
                    window.resetAt(), window.retryAfterSeconds(), false), askedAt);
            return Reserved.REFUSED;
        }
        Slice slice = new Slice(grant, principal.token());
        Slice previous = key.current.getAndSet(slice);
        if (previous != null) {
            release(previous);
        }
        renewAhead(principal, generalLimit, key, slice);
        if (keys.getIfPresent(principal.budgetId()) != key) {
            // The key was dropped (a key event) while this Reserve was out: its slice belongs to no one.
            key.retireCurrent(this::release);
        }
        return Reserved.GRANTED;
    }

    /**
     * When a quarter of the slice's validity is left, asks for the next one if this slice was
     * spent from at all: requests then keep finding a live slice instead of waiting for a Reserve.
     * A slice nobody touched is left to expire and be swept.
     */
    private void renewAhead(KeyPrincipal principal, long generalLimit, KeySlices key, Slice slice) {
        long delayMillis = Math.max(1, (slice.deadlineNanos - slice.validForNanos / 4 - System.nanoTime()) / 1_000_000);
        vertx.setTimer(delayMillis, ignored -> {
            if (key.current.get() == slice && slice.left.get() < slice.granted
                    && slice.prefetched.compareAndSet(false, true)) {
                key.reserve(() -> reserve(principal, generalLimit, key)).subscribe().with(reserved -> {
                });
            }
        });
    }

    private static RateLimitOutcome admitted(Slice slice, long left) {
        Budget window = slice.window;
        return RateLimitOutcome.local(new Budget(window.policy(), window.limit(), window.windowSeconds(),
                window.remaining() + left, window.resetAt(), 0, true), false);
    }

    private void release(Slice slice) {
        long unused = slice.close();
        if (unused < 0) {
            return;
        }
        long used = slice.granted - unused;
        client.releaseSlice(slice.token, slice.id, unused, used).subscribe().with(
                released -> LOG.debugf("Slice %s released (%d unused, %d used): %s", slice.id, unused, used, released),
                failure -> LOG.debugf("Release of slice %s failed (its units age out with the window): %s", slice.id,
                        failure.getMessage()));
    }

    /** Hands back slices that expired or were not touched since the last sweep; forgets keys with nothing left. */
    void sweep() {
        long now = System.nanoTime();
        keys.asMap().forEach((id, key) -> {
            Slice slice = key.current.get();
            if (slice == null) {
                if (!key.reserving() && clock.millis() >= key.checkOnlyUntil) {
                    keys.asMap().remove(id, key);
                }
                return;
            }
            if (slice.expiredOrIdle(now) && key.current.compareAndSet(slice, null)) {
                release(slice);
            }
        });
    }

    /**
     * One key's slice and its Reserve in flight. The Reserve is shared through a future, not a
     * memoized Uni: a request that finds the new slice already emptied asks again from inside
     * the notification of the previous Reserve, and under that re-entry a waiter of the memoized
     * Uni once received an item of another type (a ClassCastException in CI's
     * RequestLimiterContractTest; where in the memoization it went wrong was not pinned down).
     */
    private static final class KeySlices {
        final AtomicReference<Slice> current = new AtomicReference<>();
        volatile long checkOnlyUntil;
        private CompletableFuture<Reserved> reserving;

        /** Waits for the Reserve in flight, or starts one from {@code start} at once: one at a time per key. */
        Uni<Reserved> reserve(Supplier<Uni<Reserved>> start) {
            CompletableFuture<Reserved> inFlight;
            boolean starting;
            synchronized (this) {
                starting = reserving == null;
                if (starting) {
                    reserving = new CompletableFuture<>();
                }
                inFlight = reserving;
            }
            if (starting) {
                start.get().subscribe().with(
                        reserved -> finish(inFlight).complete(reserved),
                        failure -> finish(inFlight).completeExceptionally(failure));
            }
            return Uni.createFrom().completionStage(inFlight);
        }

        synchronized boolean reserving() {
            return reserving != null;
        }

        /** Ends the Reserve in flight before its waiters run, so that one of them may start the next. */
        private synchronized CompletableFuture<Reserved> finish(CompletableFuture<Reserved> inFlight) {
            if (reserving == inFlight) {
                reserving = null;
            }
            return inFlight;
        }

        void retireCurrent(Consumer<Slice> release) {
            Slice slice = current.getAndSet(null);
            if (slice != null) {
                release.accept(slice);
            }
        }
    }

    /** Units granted by one Reserve; {@code left} goes below zero when racing requests found it empty. */
    private static final class Slice {
        /** Set on release: every later take reads far below zero and is refused. */
        private static final long CLOSED = Long.MIN_VALUE / 2;

        final String id;
        final String token;
        final long granted;
        final long deadlineNanos;
        final long validForNanos;
        final Budget window;
        final AtomicLong left;
        final AtomicBoolean prefetched = new AtomicBoolean();
        /** What was left at the previous sweep; only the sweeper reads and writes it. */
        private long leftAtSweep;

        Slice(SliceGrant grant, String token) {
            this.id = grant.sliceId();
            this.token = token;
            this.granted = grant.granted();
            this.deadlineNanos = grant.deadlineNanos();
            this.validForNanos = grant.validForNanos();
            this.window = grant.window();
            this.left = new AtomicLong(grant.granted());
            this.leftAtSweep = grant.granted() + 1;
        }

        /** A quarter of the units or of the validity left: time to ask for the next slice. */
        boolean runningLow(long unitsLeft, long now) {
            return unitsLeft < granted / 4 || deadlineNanos - now < validForNanos / 4;
        }

        boolean expiredOrIdle(long now) {
            long unitsLeft = left.get();
            boolean idle = unitsLeft == leftAtSweep;
            leftAtSweep = unitsLeft;
            return now - deadlineNanos >= 0 || idle;
        }

        /** Closes the slice to further takes; its unspent units, or -1 when it was closed before. */
        long close() {
            long unitsLeft = left.getAndSet(CLOSED);
            return unitsLeft <= CLOSED / 2 ? -1 : Math.max(0, unitsLeft);
        }
    }
}
