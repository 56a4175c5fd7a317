package com.envoyx.auth.account.rest;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.envoyx.auth.account.config.SessionConfig;
import com.envoyx.auth.account.service.SessionService;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.error.ErrorMappings;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.contracts.error.ErrorCode;

import io.smallrye.mutiny.Uni;

/**
 * Authenticates {@link SessionRequired} endpoints: {@code Authorization: Bearer <token>} or the
 * session cookie. A browser attaches the cookie to forged cross-site requests too, so a
 * cookie-authenticated request that changes state must also carry {@value #CSRF_HEADER} with the
 * session's CSRF token (returned by login); bearer requests need no such header.
 */
public class SessionFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final SessionService sessions;
    private final SessionConfig config;
    private final CurrentUser currentUser;

    SessionFilter(SessionService sessions, SessionConfig config, CurrentUser currentUser) {
        this.sessions = sessions;
        this.config = config;
        this.currentUser = currentUser;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!requiresSession(resource)) {
            return Uni.createFrom().nullItem();
        }
        String token = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (token == null) {
            Cookie cookie = request.getCookies().get(config.cookieName());
            token = cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
            if (token != null && !SAFE_METHODS.contains(request.getMethod())
                    && !Sha256.constantTimeEquals(SessionService.csrfTokenFor(token),
                            request.getHeaderString(CSRF_HEADER))) {
                return refuse(new ApiException(ErrorCode.FORBIDDEN,
                        "A cookie-authenticated change needs the session's " + CSRF_HEADER + " header."));
            }
        }
        if (token == null) {
            return refuse(ApiException.unauthorized());
        }
        return sessions.authenticate(token)
                .map(user -> {
                    currentUser.set(user);
                    return (Response) null;
                })
                .onFailure(ApiException.class)
                .recoverWithItem(e -> ErrorMappings.toResponse((ApiException) e));
    }

    private static boolean requiresSession(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(SessionRequired.class)
                        || resource.getResourceClass().isAnnotationPresent(SessionRequired.class));
    }

    private static Uni<Response> refuse(ApiException e) {
        return Uni.createFrom().item(ErrorMappings.toResponse(e));
    }
}
