package com.envoyx.auth.account.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.model.TokenPurpose;
import com.envoyx.auth.account.model.User;
import com.envoyx.auth.account.repository.LoginThrottle;
import com.envoyx.auth.account.repository.MailThrottle;
import com.envoyx.auth.account.repository.SessionRepository;
import com.envoyx.auth.account.repository.UserRepository;
import com.envoyx.auth.audit.model.Actor;
import com.envoyx.auth.audit.model.AuditAction;
import com.envoyx.auth.audit.service.AuditLog;
import com.envoyx.auth.error.Violations;
import com.envoyx.auth.mail.model.MailKind;
import com.envoyx.auth.mail.service.MailOutbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Password reset by mail and password change with the current password. Both end sessions: a
 * reset every session of the user (whoever knew the old password is out), a change every session
 * but the one that made it. Each is audited and the owner is told by mail.
 */
@ApplicationScoped
public class PasswordService {

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle loginThrottle;
    private final MailThrottle mailThrottle;
    private final MailedTokens tokens;
    private final MailOutbox mail;
    private final AuditLog audit;

    PasswordService(UserRepository users, SessionRepository sessions, PasswordHasher hasher,
            LoginThrottle loginThrottle, MailThrottle mailThrottle, MailedTokens tokens, MailOutbox mail,
            AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.loginThrottle = loginThrottle;
        this.mailThrottle = mailThrottle;
        this.tokens = tokens;
        this.mail = mail;
        this.audit = audit;
    }

    /**
     * Mails a reset link if the address has an account and its mail budget allows; completes the
     * same way whatever the address, so the answer tells nothing about it.
     */
    public Uni<Void> requestReset(String email) {
        // Counted for unknown addresses too, so the work done does not depend on the address.
        return mailThrottle.countMail(email)
                .chain(retryAfter -> Panache.withTransaction(() -> users.findByEmail(email).chain(user -> {
                    if (user == null || retryAfter > 0) {
                        return Uni.createFrom().item(false);
                    }
                    return tokens.issue(user, TokenPurpose.PASSWORD_RESET)
                            .chain(value -> mail.add(user.email, MailKind.PASSWORD_RESET, Map.of(
                                    "email", user.email,
                                    "link", tokens.link(AccountService.RESET_PAGE, value),
                                    "validFor", Durations.describe(tokens.lifetime(TokenPurpose.PASSWORD_RESET)))))
                            .replaceWith(true);
                })))
                .invoke(mailAdded -> {
                    if (mailAdded) {
                        mail.sendSoon();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Sets the password a reset token allows, once: every reset link of the user ends, every
     * session is deleted, and the address counts as verified (the mail reached its owner).
     * 400 VALIDATION_ERROR on "token" for an unknown, used or expired token.
     */
    public Uni<Void> confirmReset(String token, String newPassword) {
        return hasher.hash(newPassword).chain(passwordHash -> Panache.withTransaction(() ->
                tokens.find(token, TokenPurpose.PASSWORD_RESET).chain(found -> {
                    if (found.usedAt != null) {
                        return Uni.createFrom().failure(Violations.single("token", "is invalid or has expired"));
                    }
                    return users.findById(found.userId).chain(user -> {
                        user.passwordHash = passwordHash;
                        if (user.emailVerifiedAt == null) {
                            user.emailVerifiedAt = tokens.now();
                        }
                        return tokens.useAll(user, TokenPurpose.PASSWORD_RESET)
                                .chain(() -> sessions.deleteAllOf(user.id))
                                .chain(() -> audit.recordUserEvent(user.accountId, Actor.user(user.id, user.email),
                                        AuditAction.PASSWORD_RESET, "every session ended"))
                                .chain(() -> notifyChange(user));
                    });
                })))
                .invoke(mail::sendSoon);
    }

    /**
     * A new password for the caller, who proves the current one (counted like a login attempt,
     * so a stolen session cannot guess it); every other session of the user ends.
     */
    public Uni<Void> change(AuthenticatedUser caller, String currentPassword, String newPassword, String clientAddress) {
        return loginThrottle.countAttempt(caller.email(), clientAddress)
                .chain(() -> Panache.withSession(() -> users.findById(caller.userId())))
                .chain(user -> hasher.verify(currentPassword, user.passwordHash))
                .chain(matches -> matches
                        ? hasher.hash(newPassword)
                        : Uni.createFrom().failure(Violations.single("current_password", "is not your current password")))
                .chain(passwordHash -> Panache.withTransaction(() -> users.findById(caller.userId()).chain(user -> {
                    user.passwordHash = passwordHash;
                    return sessions.deleteOthersOf(user.id, caller.sessionTokenHash())
                            .chain(() -> tokens.useAll(user, TokenPurpose.PASSWORD_RESET))
                            .chain(() -> audit.recordUserEvent(user.accountId, Actor.user(user.id, user.email),
                                    AuditAction.PASSWORD_CHANGED, "other sessions ended"))
                            .chain(() -> notifyChange(user));
                })))
                .chain(() -> loginThrottle.succeeded(caller.email(), clientAddress))
                .invoke(mail::sendSoon);
    }

    private Uni<Void> notifyChange(User user) {
        return mail.add(user.email, MailKind.PASSWORD_CHANGED, Map.of(
                "email", user.email,
                "resetLink", tokens.page(AccountService.RESET_PAGE)));
    }
}
