package com.envoyx.auth.account.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.AccountConfig;
import com.envoyx.auth.account.model.TokenPurpose;
import com.envoyx.auth.account.model.User;
import com.envoyx.auth.account.model.UserToken;
import com.envoyx.auth.account.repository.UserTokenRepository;
import com.envoyx.auth.error.Violations;
import com.envoyx.auth.platform.Sha256;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Tokens that travel by mail: 256 random bits, stored as SHA-256 with one purpose and an expiry,
 * so a database reader cannot use them and a verification token opens no password reset.
 */
@ApplicationScoped
public class MailedTokens {

    private final UserTokenRepository tokens;
    private final AccountConfig config;
    private final Clock clock;

    MailedTokens(UserTokenRepository tokens, AccountConfig config, Clock clock) {
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /** Within the caller's transaction: a new token for the user; the plaintext is returned once, for the mail. */
    Uni<String> issue(User user, TokenPurpose purpose) {
        String value = Sha256.randomSecret();
        UserToken token = new UserToken();
        token.tokenHash = Sha256.digest(value);
        token.userId = user.id;
        token.purpose = purpose;
        token.createdAt = clock.instant();
        token.expiresAt = token.createdAt.plus(lifetime(purpose));
        return tokens.persist(token).replaceWith(value);
    }

    /** Within the caller's transaction: the live token of this purpose, or 400 VALIDATION_ERROR on "token". */
    Uni<UserToken> find(String value, TokenPurpose purpose) {
        return tokens.findLive(Sha256.digest(value), purpose, clock.instant())
                .onItem().ifNull().failWith(() -> Violations.single("token", "is invalid or has expired"));
    }

    Uni<Integer> useAll(User user, TokenPurpose purpose) {
        return tokens.useAll(user.id, purpose, clock.instant());
    }

    String link(String page, String value) {
        return config.dashboardUrl().replaceAll("/+$", "") + page + "?token=" + value;
    }

    String page(String page) {
        return config.dashboardUrl().replaceAll("/+$", "") + page;
    }

    Duration lifetime(TokenPurpose purpose) {
        return purpose == TokenPurpose.EMAIL_VERIFICATION
                ? config.verificationTokenLifetime()
                : config.passwordResetTokenLifetime();
    }

    Instant now() {
        return clock.instant();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpiredTokens() {
        return Panache.withTransaction(() -> tokens.deleteExpired(clock.instant())).replaceWithVoid();
    }
}
