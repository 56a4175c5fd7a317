package com.envoyx.auth.webhook.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.token.service.TokenIssuer;
import com.envoyx.auth.webhook.client.InvoiceWebhooksClient;
import com.envoyx.auth.webhook.model.InvoiceAnswer;
import com.envoyx.contracts.apikey.Scope;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The signed-in account's webhook endpoints, which invoice-service owns: each call carries a fresh
 * dashboard token for the account (one minute, {@code webhooks:write} only), so no API key is
 * needed and none is ever created or stored for the dashboard.
 */
@ApplicationScoped
public class DashboardWebhooks {

    private final TokenIssuer tokens;
    private final InvoiceWebhooksClient invoice;

    DashboardWebhooks(TokenIssuer tokens, InvoiceWebhooksClient invoice) {
        this.tokens = tokens;
        this.invoice = invoice;
    }

    /** {@code path} relative to /api/v1/webhooks, built by the caller from validated ids only. */
    public Uni<InvoiceAnswer> call(AuthenticatedUser user, HttpMethod method, String path, String body) {
        return Uni.createFrom().deferred(() -> invoice.call(method, path, tokens.forDashboard(user.accountId(), Scope.WEBHOOKS_WRITE), body));
    }
}
