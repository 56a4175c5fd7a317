package com.envoyx.invoice.idempotency.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.idempotency.config.IdempotencyConfig;
import com.envoyx.invoice.idempotency.model.IdempotencyClaim;
import com.envoyx.invoice.idempotency.model.IdempotencyRecord;
import com.envoyx.invoice.idempotency.model.StoredResponse;
import com.envoyx.invoice.idempotency.repository.IdempotencyRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key handling. A key belongs to one account; the first request claims it
 * (IN_FLIGHT), finishing stores the response in the same transaction as the work itself, and
 * failing releases the claim so the client may retry with the same key. A claim whose request
 * died is taken over after {@link IdempotencyConfig#inFlightTimeout()}.
 */
@ApplicationScoped
public class IdempotencyService {

    private final IdempotencyRepository records;
    private final IdempotencyConfig config;
    private final Clock clock;

    IdempotencyService(IdempotencyRepository records, IdempotencyConfig config, Clock clock) {
        this.records = records;
        this.config = config;
        this.clock = clock;
    }

    /** Rejects keys that are empty, too long or not printable ASCII, before anything is stored. */
    public void validateKey(String key) {
        if (key.isEmpty() || key.length() > config.maxKeyLength()
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.validation("Idempotency-Key must be 1 to " + config.maxKeyLength()
                    + " printable ASCII characters without spaces.");
        }
    }

    /**
     * Claims the key for a request with this hash, or returns the response to replay.
     * Fails with 409 while another request holds it and with 422 if it was used for a different request.
     */
    public Uni<IdempotencyClaim> claim(UUID accountId, String key, String requestHash) {
        return Panache.withTransaction(() -> claimLocked(accountId, key, requestHash))
                .onFailure(IdempotencyService::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
    }

    /** Stores the response; call inside the transaction that commits the work. */
    public Uni<Void> complete(UUID recordId, StoredResponse response) {
        return records.findById(recordId).invoke(record -> {
            record.state = IdempotencyRecord.State.COMPLETED;
            record.responseStatus = response.status();
            record.responseBody = response.body();
        }).replaceWithVoid();
    }

    /** Gives the key back after a failed request. */
    public Uni<Void> release(UUID recordId) {
        return Panache.withTransaction(() -> records.deleteById(recordId)).replaceWithVoid();
    }

    /** Deletes records past their retention; returns how many. */
    public Uni<Long> purgeExpired() {
        return Panache.withTransaction(() -> records.deleteExpired(clock.instant()));
    }

    private Uni<IdempotencyClaim> claimLocked(UUID accountId, String key, String requestHash) {
        Instant now = clock.instant();
        return records.findForUpdate(accountId, key).flatMap(existing -> {
            if (existing == null) {
                IdempotencyRecord record = new IdempotencyRecord();
                record.id = UUID.randomUUID();
                record.accountId = accountId;
                record.key = key;
                return takeOver(record, requestHash, now).call(records::flush);
            }
            if (isReusable(existing, now)) {
                return takeOver(existing, requestHash, now);
            }
            if (!existing.requestHash.equals(requestHash)) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED));
            }
            if (existing.state == IdempotencyRecord.State.IN_FLIGHT) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
            }
            return Uni.createFrom().item(IdempotencyClaim.replayOf(
                    new StoredResponse(existing.responseStatus, existing.responseBody)));
        });
    }

    private boolean isReusable(IdempotencyRecord record, Instant now) {
        boolean expired = !record.expiresAt.isAfter(now);
        boolean abandoned = record.state == IdempotencyRecord.State.IN_FLIGHT
                && !record.createdAt.plus(config.inFlightTimeout()).isAfter(now);
        return expired || abandoned;
    }

    private Uni<IdempotencyClaim> takeOver(IdempotencyRecord record, String requestHash, Instant now) {
        record.requestHash = requestHash;
        record.state = IdempotencyRecord.State.IN_FLIGHT;
        record.responseStatus = null;
        record.responseBody = null;
        record.createdAt = now;
        record.expiresAt = now.plus(config.retention());
        return records.persist(record).replaceWith(IdempotencyClaim.owned(record.id));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
