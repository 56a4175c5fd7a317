package com.envoyx.auth.invoice.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.token.service.TokenIssuer;
import com.envoyx.auth.webhook.client.InvoiceWebhooksClient;
import com.envoyx.auth.webhook.model.InvoiceAnswer;
import com.envoyx.auth.webhook.model.InvoiceDocument;
import com.envoyx.contracts.apikey.Scope;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The signed-in account's invoices, which invoice-service owns, for the dashboard's Invoices page:
 * each call carries a fresh one-minute dashboard token with the one scope it needs (reads
 * {@code invoices:read}, a review decision {@code invoices:write}); invoice-service admits such a
 * token only on the list, one invoice, its file and its status change, never on upload or delete.
 */
@ApplicationScoped
public class DashboardInvoices {

    private final TokenIssuer tokens;
    private final InvoiceWebhooksClient invoice;

    DashboardInvoices(TokenIssuer tokens, InvoiceWebhooksClient invoice) {
        this.tokens = tokens;
        this.invoice = invoice;
    }

    /** {@code query} is built by the caller from validated values only ("" or "?page=..."). */
    public Uni<InvoiceAnswer> list(AuthenticatedUser user, String query) {
        return Uni.createFrom().deferred(() -> invoice.invoices(HttpMethod.GET, query, read(user), null));
    }

    public Uni<InvoiceAnswer> get(AuthenticatedUser user, UUID id) {
        return Uni.createFrom().deferred(() -> invoice.invoices(HttpMethod.GET, "/" + id, read(user), null));
    }

    public Uni<InvoiceDocument> document(AuthenticatedUser user, UUID id) {
        return Uni.createFrom().deferred(() -> invoice.document("/" + id, read(user)));
    }

    /** {@code body} as the person's page sent it; invoice-service validates it and the transition. */
    public Uni<InvoiceAnswer> changeStatus(AuthenticatedUser user, UUID id, String body) {
        return Uni.createFrom().deferred(() -> invoice.invoices(HttpMethod.PATCH, "/" + id + "/status",
                tokens.forDashboard(user.accountId(), Scope.INVOICES_WRITE), body));
    }

    private String read(AuthenticatedUser user) {
        return tokens.forDashboard(user.accountId(), Scope.INVOICES_READ);
    }
}
