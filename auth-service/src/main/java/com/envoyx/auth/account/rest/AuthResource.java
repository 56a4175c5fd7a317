package com.envoyx.auth.account.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.resteasy.reactive.RestResponse;

import com.envoyx.auth.account.config.SessionConfig;
import com.envoyx.auth.account.service.AccountService;
import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.account.service.SessionService;
import com.envoyx.auth.error.Violations;
import com.envoyx.contracts.envelope.Envelope;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Registration, login and logout for the dashboard. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final SessionService sessions;
    private final SessionConfig sessionConfig;
    private final CurrentUser currentUser;

    AuthResource(AccountService accounts, SessionService sessions, SessionConfig sessionConfig,
            CurrentUser currentUser) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.sessionConfig = sessionConfig;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/register")
    public Uni<RestResponse<Envelope>> register(RegisterRequest body) {
        Violations.requireBody(body).validate();
        return accounts.register(body.email().trim(), body.password(), body.name().trim())
                .map(registered -> RestResponse.status(RestResponse.Status.CREATED,
                        Envelope.ok(201, "ACCOUNT_CREATED", "Account created.", Map.of(
                                "account", Map.of("id", registered.account().id, "name", registered.account().name),
                                "user", Map.of("id", registered.user().id, "email", registered.user().email)))));
    }

    @POST
    @Path("/login")
    public Uni<RestResponse<Envelope>> login(LoginRequest body, @Context HttpServerRequest http) {
        Violations.requireBody(body).validate();
        return sessions.login(body.email(), body.password(), clientAddress(http))
                .map(result -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("access_token", result.accessToken());
                    data.put("token_type", "Bearer");
                    data.put("expires_at", result.expiresAt());
                    data.put("csrf_token", result.csrfToken());
                    data.put("user", Map.of("id", result.user().id, "email", result.user().email));
                    data.put("account", Map.of("id", result.account().id, "name", result.account().name));
                    return RestResponse.ResponseBuilder.ok(Envelope.ok(200, "LOGGED_IN", "Logged in.", data))
                            .cookie(sessionCookie(result.accessToken(), (int) sessionConfig.lifetime().toSeconds()))
                            .build();
                });
    }

    @POST
    @Path("/logout")
    @SessionRequired
    public Uni<RestResponse<Envelope>> logout() {
        return sessions.logout(currentUser.get())
                .map(done -> RestResponse.ResponseBuilder.ok(Envelope.ok(200, "LOGGED_OUT", "Logged out.", null))
                        .cookie(sessionCookie("", 0))
                        .build());
    }

    @GET
    @Path("/session")
    @SessionRequired
    @NonBlocking
    public Envelope session() {
        AuthenticatedUser user = currentUser.get();
        return Envelope.ok(200, "SESSION", "Current session.", Map.of(
                "user", Map.of("id", user.userId(), "email", user.email()),
                "account", Map.of("id", user.accountId())));
    }

    private NewCookie sessionCookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(sessionConfig.cookieName())
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(sessionConfig.cookieSecure())
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAgeSeconds)
                .build();
    }

    /** The peer address, or the forwarded one when quarkus.http.proxy is configured to trust it. */
    private static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
