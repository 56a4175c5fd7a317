package com.envoyx.invoice.keychain.rest;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import com.envoyx.invoice.keychain.model.KeyPrincipal;

/**
 * The principal of the request in flight, set by {@link ApiKeyFilter} before any resource runs.
 * Request-scoped rather than application-scoped: it holds one request's key, so each request needs
 * its own instance.
 */
@RequestScoped
public class CurrentKey {

    private KeyPrincipal principal;
    private UUID requestId;

    void set(KeyPrincipal principal, UUID requestId) {
        this.principal = principal;
        this.requestId = requestId;
    }

    /** The verified principal; fails if a route behind the filter somehow ran without one. */
    public KeyPrincipal principal() {
        if (principal == null) {
            throw new IllegalStateException("no API key principal on this request");
        }
        return principal;
    }

    /** The id of this request's rate-limit charge. */
    public UUID requestId() {
        return requestId;
    }
}
