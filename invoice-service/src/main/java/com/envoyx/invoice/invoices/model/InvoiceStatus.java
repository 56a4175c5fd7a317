package com.envoyx.invoice.invoices.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An invoice's lifecycle: PENDING -> PROCESSING -> PROCESSED | FLAGGED | FAILED (the processing
 * pipeline; its extracted and validated stages happen inside PROCESSING and are events, not
 * statuses), then a customer's review: APPROVED or REJECTED after PROCESSED or FLAGGED, PAID after
 * PROCESSED (every check passed) or APPROVED, REJECTED also after APPROVED while unpaid. REJECTED
 * and PAID are final; FAILED has nothing to review.
 */
public enum InvoiceStatus {
    PENDING, PROCESSING, PROCESSED, FLAGGED, FAILED, APPROVED, REJECTED, PAID;

    /** Whether a customer may move an invoice from this status to {@code target} through the API. */
    public boolean customerMayMoveTo(InvoiceStatus target) {
        return customerTargets().contains(target);
    }

    /**
     * The review decisions open from this status. A FLAGGED invoice is not paid before a person
     * approved it; a paid or rejected one is settled.
     */
    public Set<InvoiceStatus> customerTargets() {
        return switch (this) {
            case PROCESSED -> EnumSet.of(APPROVED, REJECTED, PAID);
            case FLAGGED -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(REJECTED, PAID);
            default -> EnumSet.noneOf(InvoiceStatus.class);
        };
    }

    /** Whether the processing pipeline may move an invoice from this status to {@code target}. */
    public boolean pipelineMayMoveTo(InvoiceStatus target) {
        return switch (this) {
            case PENDING -> target == PROCESSING;
            case PROCESSING -> target == PROCESSED || target == FLAGGED || target == FAILED;
            default -> false;
        };
    }

    /** Exact, case-sensitive parse of a wire name; empty for anything else. */
    public static Optional<InvoiceStatus> fromWireName(String name) {
        for (InvoiceStatus status : values()) {
            if (status.name().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
