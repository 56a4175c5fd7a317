package com.envoyx.invoice.processing.service;

import java.time.Duration;

/**
 * The end of one document's time budget, and a way to stop its parse early (lease lost, shutdown).
 * {@link ParseSandbox} checks it while it waits for the child JVM and kills the child when it
 * throws, so a runaway parse stops within a moment of the limit, wherever PDFBox is stuck.
 */
final class Deadline {

    private final long deadlineNanos;
    private volatile String cancelledBecause;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    void cancel(String reason) {
        cancelledBecause = reason;
    }

    boolean passed() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    /** Throws when the time is up or the parse was cancelled. */
    void check() {
        String reason = cancelledBecause;
        if (reason != null) {
            throw new Stopped(reason, false);
        }
        if (passed()) {
            throw new Stopped("time limit reached", true);
        }
    }

    /** Unchecked: it travels up through the pipeline's Uni as the reason the parse stopped. */
    static final class Stopped extends RuntimeException {

        private final boolean timedOut;

        Stopped(String reason, boolean timedOut) {
            super(reason, null, false, false);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }
}
