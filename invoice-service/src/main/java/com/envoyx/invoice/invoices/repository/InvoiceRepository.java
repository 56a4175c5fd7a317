package com.envoyx.invoice.invoices.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.envoyx.invoice.invoices.model.Invoice;
import com.envoyx.invoice.invoices.model.InvoiceStatus;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Every query is scoped by account: tenancy is enforced here, not left to callers. */
@ApplicationScoped
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("uploadedAt", "id");

    public Uni<Invoice> findOwned(UUID accountId, UUID id) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResult();
    }

    public Uni<Invoice> findOwnedForUpdate(UUID accountId, UUID id) {
        return find("id = ?1 and accountId = ?2", id, accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<List<Invoice>> page(UUID accountId, Optional<InvoiceStatus> status, int pageIndex, int pageSize) {
        return byAccount(accountId, status).page(Page.of(pageIndex, pageSize)).list();
    }

    public Uni<Long> count(UUID accountId, Optional<InvoiceStatus> status) {
        return byAccount(accountId, status).count();
    }

    /** Which of these blob keys belong to a row; the sweeper deletes the others. */
    public Uni<List<String>> existingBlobKeys(Collection<String> blobKeys) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select i.blobKey from Invoice i where i.blobKey in :keys", String.class)
                .setParameter("keys", blobKeys)
                .getResultList());
    }

    private PanacheQuery<Invoice> byAccount(UUID accountId, Optional<InvoiceStatus> status) {
        return status
                .map(s -> find("accountId = ?1 and status = ?2", NEWEST_FIRST, accountId, s))
                .orElseGet(() -> find("accountId = ?1", NEWEST_FIRST, accountId));
    }
}
