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

import com.envoyx.auth.account.config.AccountConfig;
import com.envoyx.auth.account.config.SessionConfig;
import com.envoyx.auth.account.service.AccountService;
import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.account.service.PasswordService;
import com.envoyx.auth.account.service.SessionService;
import com.envoyx.auth.error.Violations;
import com.envoyx.contracts.envelope.Envelope;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Registration, email verification, login, logout, password reset and change. Answers that could
 * tell whether an address has an account (register, password reset) are the same for every
 * address.
 */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final PasswordService passwords;
    private final SessionService sessions;
    private final SessionConfig sessionConfig;
    private final AccountConfig accountConfig;
    private final CurrentUser currentUser;

    AuthResource(AccountService accounts, PasswordService passwords, SessionService sessions,
            SessionConfig sessionConfig, AccountConfig accountConfig, CurrentUser currentUser) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.sessionConfig = sessionConfig;
        this.accountConfig = accountConfig;
        this.currentUser = currentUser;
    }

    /** The same 201 and body for a new and a taken address; the mail tells the owner which it was. */
    @POST
    @Path("/register")
    public Uni<RestResponse<Envelope>> register(RegisterRequest body, @Context HttpServerRequest http) {
        Violations.requireBody(body).validate();
        String message = accountConfig.emailVerification() == AccountConfig.EmailVerification.REQUIRED
                ? "Registration received. We sent a mail to this address: open its link to verify the address, then log in."
                : "Registration received. Log in with this email address and password.";
        return accounts.register(body.email().trim(), body.password(), body.name().trim(), clientAddress(http))
                .map(done -> RestResponse.status(RestResponse.Status.CREATED,
                        Envelope.ok(201, "REGISTRATION_RECEIVED", message, null)));
    }

    @POST
    @Path("/verify-email")
    public Uni<Envelope> verifyEmail(VerifyEmailRequest body) {
        Violations.requireBody(body).validate();
        return accounts.verifyEmail(body.token())
                .map(email -> Envelope.ok(200, "EMAIL_VERIFIED", "Email address verified.", Map.of("email", email)));
    }

    @POST
    @Path("/verify-email/resend")
    @SessionRequired
    public Uni<RestResponse<Envelope>> resendVerification() {
        return accounts.resendVerification(currentUser.get())
                .map(done -> RestResponse.status(RestResponse.Status.ACCEPTED, Envelope.ok(202,
                        "VERIFICATION_SENT", "A new verification link is on its way.", null)));
    }

    /** 202 whatever the address: only its owner learns, by mail, whether it has an account. */
    @POST
    @Path("/password-reset")
    public Uni<RestResponse<Envelope>> requestPasswordReset(PasswordResetRequest body) {
        Violations.requireBody(body).validate();
        return passwords.requestReset(body.email().trim())
                .map(done -> RestResponse.status(RestResponse.Status.ACCEPTED, Envelope.ok(202,
                        "PASSWORD_RESET_REQUESTED",
                        "If this address has an account, a mail with a reset link is on its way.", null)));
    }

    @POST
    @Path("/password-reset/confirm")
    public Uni<Envelope> confirmPasswordReset(PasswordResetConfirmRequest body) {
        Violations.requireBody(body).validate();
        return passwords.confirmReset(body.token(), body.password())
                .map(done -> Envelope.ok(200, "PASSWORD_RESET",
                        "Password changed. Every session was signed out: log in with the new password.", null));
    }

    @POST
    @Path("/password")
    @SessionRequired
    public Uni<Envelope> changePassword(ChangePasswordRequest body, @Context HttpServerRequest http) {
        Violations.requireBody(body).validate();
        return passwords.change(currentUser.get(), body.currentPassword(), body.newPassword(), clientAddress(http))
                .map(done -> Envelope.ok(200, "PASSWORD_CHANGED",
                        "Password changed. Your other sessions were signed out.", null));
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

    /** Ends every session of the caller, this one included. */
    @POST
    @Path("/logout-everywhere")
    @SessionRequired
    public Uni<RestResponse<Envelope>> logoutEverywhere() {
        return sessions.logoutEverywhere(currentUser.get())
                .map(ended -> RestResponse.ResponseBuilder.ok(Envelope.ok(200, "LOGGED_OUT_EVERYWHERE",
                                "Every session was signed out.", Map.of("sessions_ended", ended)))
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
                "user", Map.of("id", user.userId(), "email", user.email(), "email_verified", user.emailVerified()),
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
