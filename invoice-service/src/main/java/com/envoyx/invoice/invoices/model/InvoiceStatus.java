package com.envoyx.invoice.invoices.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An invoice's lifecycle: PENDING -> PROCESSING -> PROCESSED | FLAGGED | FAILED (the processing
 * pipeline), then APPROVED | REJECTED | PAID (a customer's decision, after PROCESSED or FLAGGED).
 */
public enum InvoiceStatus {
    PENDING, PROCESSING, PROCESSED, FLAGGED, FAILED, APPROVED, REJECTED, PAID;

    private static final Set<InvoiceStatus> REVIEWABLE = EnumSet.of(PROCESSED, FLAGGED);
    private static final Set<InvoiceStatus> CUSTOMER_DECISIONS = EnumSet.of(APPROVED, REJECTED, PAID);

    /** Whether a customer may move an invoice from this status to {@code target} through the API. */
    public boolean customerMayMoveTo(InvoiceStatus target) {
        return REVIEWABLE.contains(this) && CUSTOMER_DECISIONS.contains(target);
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
