package com.envoyx.auth.account.rest;

import jakarta.enterprise.context.RequestScoped;

import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.error.ApiException;

/**
 * The caller of the current request, set by {@link SessionFilter} on {@link SessionRequired} endpoints.
 * Request-scoped, unlike every other bean here: it holds one request's state.
 */
@RequestScoped
public class CurrentUser {

    private AuthenticatedUser user;

    void set(AuthenticatedUser user) {
        this.user = user;
    }

    public AuthenticatedUser get() {
        if (user == null) {
            throw ApiException.unauthorized();
        }
        return user;
    }
}
