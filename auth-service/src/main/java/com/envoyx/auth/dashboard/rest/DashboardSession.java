package com.envoyx.auth.dashboard.rest;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import com.envoyx.auth.account.config.SessionConfig;
import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.account.service.SessionService;
import com.envoyx.auth.error.ApiException;
import com.envoyx.contracts.error.ErrorCode;

import io.smallrye.mutiny.Uni;

/**
 * The signed-in visitor of a dashboard page, from the session cookie. Pages redirect to the log-in
 * form instead of answering the API's 401 envelope, so they resolve the cookie themselves.
 */
@ApplicationScoped
class DashboardSession {

    /** Who is signed in, and the CSRF token the page hands to its script for state changes. */
    record Visitor(AuthenticatedUser user, String csrfToken) {
    }

    private final SessionService sessions;
    private final SessionConfig config;

    DashboardSession(SessionService sessions, SessionConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /** The visitor, or empty when there is no live session (unknown, expired or logged out). */
    Uni<Optional<Visitor>> resolve(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(config.cookieName());
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String token = cookie.getValue();
        return sessions.authenticate(token)
                .map(user -> Optional.of(new Visitor(user, SessionService.csrfTokenFor(token))))
                .onFailure(e -> e instanceof ApiException api && api.code() == ErrorCode.UNAUTHORIZED)
                .recoverWithItem(Optional.empty());
    }
}
