package com.envoyx.invoice.invoices.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;


/** One uploaded invoice; its bytes live in the blob store under {@link #blobKey}. */
@Entity
@Table(name = "invoices")
public class Invoice {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "api_key_id", nullable = false)
    public UUID apiKeyId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "file_size", nullable = false)
    public long fileSize;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "blob_key", nullable = false)
    public String blobKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvoiceStatus status;

    @Column(name = "error_message")
    public String errorMessage;

    /** What processing read from the document (PROCESSED and FLAGGED); null before and on FAILED. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public ExtractedContent extracted;

    /** The validation checks' outcomes, in the API's order; null before processing, on FAILED and for a scan. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Validation validation;

    /** When processing ended (PROCESSED, FLAGGED or FAILED); null until then. */
    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /*
     * The processing queue's lease (processing.repository.JobQueue). Only the queue's fenced
     * statements change them, so an entity update (a customer's decision) never writes back a
     * lease it read before the queue moved it.
     */

    /** Claims of this invoice's processing job so far; with {@link #leaseOwner} the fencing token. */
    @Column(nullable = false, updatable = false)
    public int attempts;

    /** The worker holding the current claim; null when nobody holds it. */
    @Column(name = "lease_owner", updatable = false)
    public String leaseOwner;

    /** While PROCESSING: when another worker may take the job (the lease's end, or the retry time). */
    @Column(name = "lease_expires_at", updatable = false)
    public Instant leaseExpiresAt;
}
