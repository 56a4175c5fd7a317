package com.envoyx.invoice.upload.service;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.upload.config.UploadConfig;

/**
 * Counts the uploads each budget (a key and its rotation successors) has in flight on this
 * replica, so a few keys cannot fill the upload directory with bodies being received. Per replica
 * on purpose: the directory it protects is the replica's own. A budget with nothing in flight
 * holds no entry.
 */
@ApplicationScoped
public class UploadSlots {

    private final ConcurrentHashMap<UUID, Integer> inFlight = new ConcurrentHashMap<>();
    private final int max;

    UploadSlots(UploadConfig config) {
        this.max = config.maxInFlightPerKey();
    }

    /** Takes a place for one upload; false when the budget already has its maximum in flight. */
    public boolean tryAcquire(UUID budgetId) {
        boolean[] taken = {false};
        inFlight.compute(budgetId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** Gives back a place taken by {@link #tryAcquire}; exactly once per place taken. */
    public void release(UUID budgetId) {
        inFlight.computeIfPresent(budgetId, (id, count) -> count <= 1 ? null : count - 1);
    }
}
