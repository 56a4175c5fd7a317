package com.envoyx.invoice.processing.model;

import java.util.UUID;

import com.envoyx.invoice.invoices.model.InvoiceStatus;

/**
 * One invoice claimed by one worker. {@code (leaseOwner, attempt)} is the fencing token: every
 * later write about this claim matches both, and a new claim always raises the attempt, so a
 * worker whose lease was taken over can no longer change the row.
 *
 * @param previousStatus PENDING for a first claim, PROCESSING when an expired lease was taken over
 */
public record ClaimedJob(UUID invoiceId, UUID accountId, String blobKey, int attempt, String leaseOwner,
                         InvoiceStatus previousStatus) {
}
