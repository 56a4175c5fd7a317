package com.envoyx.invoice.ratelimit.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.ratelimit.client.RateLimitClient;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.ClosedSlice;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.model.SliceAsk;
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
 * margin). Slices that are being spent are renewed ahead of their deadlines by one renewal tick
 * for the whole replica, all keys due in one ReserveBatch, so a key whose requests are sparse on
 * this replica (many keys sharing the traffic) neither meets an expired slice and waits for a
 * Reserve, nor costs a call of its own per slice. A replaced or emptied slice is closed and its
 * release travels with the key's next Reserve; expired and idle slices, and closed ones of keys
 * with no slice left, are released alone by the sweep: unused units go back to the window, used
 * ones become usage. Granted 0 becomes a local refusal. A key whose limit the service
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
    private final long renewalMillis;
    private final int batchMaxSize;
    private final Cache<UUID, KeySlices> keys;
    private long sweeper = -1;
    private long renewer = -1;

    SliceAllowance(RateLimitClient client, LocalRefusals refusals, Clock clock, Vertx vertx, RateLimitConfig config) {
        this.client = client;
        this.refusals = refusals;
        this.clock = clock;
        this.vertx = vertx;
        this.minLimit = config.sliceMinLimit();
        this.sweepMillis = config.sliceSweepInterval().toMillis();
        this.renewalMillis = config.sliceRenewalInterval().toMillis();
        this.batchMaxSize = config.batchMaxSize();
        // A key dropped for any reason (key event, size bound, idle) hands its slices back at once.
        this.keys = Caffeine.newBuilder()
                .maximumSize(config.localStateMaxKeys())
                .executor(Runnable::run)
                .<UUID, KeySlices>removalListener((id, key, cause) -> {
                    key.retireCurrent();
                    releaseClosed(key);
                })
                .build();
    }

    void start(@Observes StartupEvent event) {
        sweeper = vertx.setPeriodic(sweepMillis, ignored -> sweep());
        renewer = vertx.setPeriodic(renewalMillis, ignored -> renewDue());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweeper);
        vertx.cancelTimer(renewer);
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
                // The Reserve this request is about to make carries the slice's release.
                key.close(slice);
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
        List<Closed> carried = key.takeClosed();
        // Asks for the whole limit: the service caps a slice at its share of the limit and at what the window has left.
        return applied(client.reserve(ask(principal, generalLimit, carried)), principal, generalLimit, key, carried,
                askedAt);
    }

    private Uni<Reserved> applied(Uni<Optional<SliceGrant>> answer, KeyPrincipal principal, long generalLimit,
                                  KeySlices key, List<Closed> carried, long askedAt) {
        return answer.map(found -> apply(principal, generalLimit, key, found, askedAt))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Reserve for %s failed, Check decides: %s", principal, failure.getMessage());
                    // Releases are idempotent: the next Reserve or the sweep sends them again.
                    key.putBack(carried);
                    return Reserved.USE_CHECK;
                });
    }

    private static SliceAsk ask(KeyPrincipal principal, long generalLimit, List<Closed> carried) {
        return new SliceAsk(principal.token(), generalLimit, UUID.randomUUID().toString(),
                carried.stream().map(Closed::slice).toList());
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
        Slice slice = new Slice(grant, principal, generalLimit);
        Slice previous = key.current.getAndSet(slice);
        if (previous != null) {
            key.close(previous);
        }
        if (keys.getIfPresent(principal.budgetId()) != key) {
            // The key was dropped (a key event) while this Reserve was out: its slices belong to no one.
            key.retireCurrent();
            releaseClosed(key);
        }
        return Reserved.GRANTED;
    }

    /**
     * The renewal tick: every slice that was spent from and enters the last quarter of its
     * validity is renewed now, all in one ReserveBatch, each carrying its key's closed slices.
     * Requests then keep finding a live slice instead of waiting for a Reserve. A slice nobody
     * touched is left to expire and be swept.
     */
    void renewDue() {
        long now = System.nanoTime();
        List<Renewal> due = new ArrayList<>();
        keys.asMap().forEach((id, key) -> {
            Slice slice = key.current.get();
            if (slice == null || !slice.dueForRenewal(now) || !slice.prefetched.compareAndSet(false, true)) {
                return;
            }
            CompletableFuture<Reserved> claim = key.claim();
            if (claim != null) {
                due.add(new Renewal(key, slice, claim, key.takeClosed()));
            }
        });
        for (int from = 0; from < due.size(); from += batchMaxSize) {
            renew(due.subList(from, Math.min(due.size(), from + batchMaxSize)));
        }
    }

    private void renew(List<Renewal> batch) {
        long askedAt = clock.millis();
        List<Uni<Optional<SliceGrant>>> answers = client.reserveAll(batch.stream()
                .map(renewal -> ask(renewal.slice.principal, renewal.slice.generalLimit, renewal.carried))
                .toList());
        for (int i = 0; i < batch.size(); i++) {
            Renewal renewal = batch.get(i);
            Slice slice = renewal.slice;
            renewal.key.settle(renewal.claim, applied(answers.get(i), slice.principal, slice.generalLimit, renewal.key,
                    renewal.carried, askedAt));
        }
    }

    private record Renewal(KeySlices key, Slice slice, CompletableFuture<Reserved> claim, List<Closed> carried) {
    }

    private static RateLimitOutcome admitted(Slice slice, long left) {
        Budget window = slice.window;
        return RateLimitOutcome.local(new Budget(window.policy(), window.limit(), window.windowSeconds(),
                window.remaining() + left, window.resetAt(), 0, true), false);
    }

    /** Sends the key's closed slices alone: no Reserve of the key is coming to carry them. */
    private void releaseClosed(KeySlices key) {
        for (Closed closed : key.takeClosed()) {
            ClosedSlice slice = closed.slice();
            client.releaseSlice(closed.token(), slice).subscribe().with(
                    released -> LOG.debugf("Slice %s released (%d unused, %d used): %s", slice.sliceId(),
                            slice.unused(), slice.used(), released),
                    failure -> LOG.debugf("Release of slice %s failed (its units age out with the window): %s",
                            slice.sliceId(), failure.getMessage()));
        }
    }

    /**
     * Closes slices that expired or were not touched since the last sweep, and sends the closed
     * slices of keys left without one; forgets keys with nothing left.
     */
    void sweep() {
        long now = System.nanoTime();
        keys.asMap().forEach((id, key) -> {
            Slice slice = key.current.get();
            if (slice != null && slice.expiredOrIdle(now) && key.current.compareAndSet(slice, null)) {
                key.close(slice);
                slice = null;
            }
            if (slice != null || key.reserving()) {
                return;
            }
            releaseClosed(key);
            if (clock.millis() >= key.checkOnlyUntil) {
                keys.asMap().remove(id, key);
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
        private final ConcurrentLinkedQueue<Closed> closed = new ConcurrentLinkedQueue<>();

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
                settle(inFlight, start.get());
            }
            return Uni.createFrom().completionStage(inFlight);
        }

        /** Takes the key's one Reserve slot for a Reserve sent elsewhere; null when one is in flight. */
        synchronized CompletableFuture<Reserved> claim() {
            if (reserving != null) {
                return null;
            }
            reserving = new CompletableFuture<>();
            return reserving;
        }

        /** Completes the Reserve that holds the slot with what {@code reserve} finds. */
        void settle(CompletableFuture<Reserved> inFlight, Uni<Reserved> reserve) {
            reserve.subscribe().with(
                    reserved -> finish(inFlight).complete(reserved),
                    failure -> finish(inFlight).completeExceptionally(failure));
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

        /** Stops spending {@code slice} and keeps its release for the key's next Reserve (or the sweep). */
        void close(Slice slice) {
            long unused = slice.close();
            if (unused >= 0) {
                closed.add(new Closed(new ClosedSlice(slice.id, unused, slice.granted - unused), slice.principal.token()));
            }
        }

        List<Closed> takeClosed() {
            List<Closed> taken = new ArrayList<>();
            for (Closed next = closed.poll(); next != null; next = closed.poll()) {
                taken.add(next);
            }
            return taken;
        }

        void putBack(List<Closed> releases) {
            closed.addAll(releases);
        }

        void retireCurrent() {
            Slice slice = current.getAndSet(null);
            if (slice != null) {
                close(slice);
            }
        }
    }

    /** A closed slice and a token of its key to report it with. */
    private record Closed(ClosedSlice slice, String token) {
    }

    /** Units granted by one Reserve; {@code left} goes below zero when racing requests found it empty. */
    private static final class Slice {
        /** Set on release: every later take reads far below zero and is refused. */
        private static final long CLOSED = Long.MIN_VALUE / 2;

        final String id;
        final KeyPrincipal principal;
        final long generalLimit;
        final long granted;
        final long deadlineNanos;
        final long validForNanos;
        final Budget window;
        final AtomicLong left;
        final AtomicBoolean prefetched = new AtomicBoolean();
        /** What was left at the previous sweep; only the sweeper reads and writes it. */
        private long leftAtSweep;

        Slice(SliceGrant grant, KeyPrincipal principal, long generalLimit) {
            this.id = grant.sliceId();
            this.principal = principal;
            this.generalLimit = generalLimit;
            this.granted = grant.granted();
            this.deadlineNanos = grant.deadlineNanos();
            this.validForNanos = grant.validForNanos();
            this.window = grant.window();
            this.left = new AtomicLong(grant.granted());
            this.leftAtSweep = grant.granted() + 1;
        }

        /**
         * A request asks for the next slice itself when a quarter of the units is left, or an
         * eighth of the validity: by then the renewal tick, which renews at a quarter, was late.
         */
        boolean runningLow(long unitsLeft, long now) {
            return unitsLeft < granted / 4 || deadlineNanos - now < validForNanos / 8;
        }

        /** Spent from, and in the last quarter of its validity: the renewal tick asks for the next one. */
        boolean dueForRenewal(long now) {
            return left.get() < granted && deadlineNanos - now < validForNanos / 4;
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
