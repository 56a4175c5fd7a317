package com.envoyx.invoice.keychain.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import com.envoyx.invoice.keychain.model.KeyPrincipal;

/**
 * The principal of the request in flight, left on the request by {@link ApiKeyFilter} before any
 * resource runs. A request property rather than a request-scoped bean: nothing to create and
 * destroy per request, and nothing that depends on the CDI request context being active.
 */
public final class CurrentKey {

    private static final String PROPERTY = CurrentKey.class.getName();

    private CurrentKey() {
    }

    static void set(ContainerRequestContext request, KeyPrincipal principal) {
        request.setProperty(PROPERTY, principal);
    }

    /** The verified principal; fails if a route behind the filter somehow ran without one. */
    public static KeyPrincipal of(ContainerRequestContext request) {
        if (!(request.getProperty(PROPERTY) instanceof KeyPrincipal principal)) {
            throw new IllegalStateException("no API key principal on this request");
        }
        return principal;
    }
}
