package com.envoyx.invoice.webhooks.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.envoyx.invoice.webhooks.model.WebhookEndpoint;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Endpoints, always scoped by account: another account's endpoint is simply not found. */
@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpoint, UUID> {

    public Uni<WebhookEndpoint> findOwned(UUID accountId, UUID id) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResult();
    }

    public Uni<WebhookEndpoint> findOwnedForUpdate(UUID accountId, UUID id) {
        return find("id = ?1 and accountId = ?2", id, accountId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<WebhookEndpoint>> listOwned(UUID accountId) {
        return find("accountId = ?1", Sort.ascending("createdAt", "id"), accountId).list();
    }

    public Uni<Long> countOwned(UUID accountId) {
        return count("accountId = ?1", accountId);
    }
}
