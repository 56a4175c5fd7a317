package com.envoyx.auth.account.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.AccountConfig;
import com.envoyx.auth.account.config.SessionConfig;
import com.envoyx.auth.account.model.Account;
import com.envoyx.auth.account.model.Session;
import com.envoyx.auth.account.model.User;
import com.envoyx.auth.account.repository.AccountRepository;
import com.envoyx.auth.account.repository.LoginThrottle;
import com.envoyx.auth.account.repository.SessionRepository;
import com.envoyx.auth.account.repository.UserRepository;
import com.envoyx.auth.audit.model.Actor;
import com.envoyx.auth.audit.model.AuditAction;
import com.envoyx.auth.audit.service.AuditLog;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.contracts.error.ErrorCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Login, logout and the lookup of a session by its token. Sessions live in PostgreSQL under the
 * SHA-256 of the token and end by the service clock: after their lifetime, or after an idle time
 * without use. Use is written at most once a minute, so a busy dashboard does not write a row per
 * request.
 */
@ApplicationScoped
public class SessionService {

    private static final String CSRF_LABEL = "csrf:";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final UserRepository users;
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionConfig config;
    private final AccountConfig accountConfig;
    private final AuditLog audit;
    private final Clock clock;

    SessionService(UserRepository users, AccountRepository accounts, SessionRepository sessions,
            PasswordHasher hasher, LoginThrottle throttle, SessionConfig config, AccountConfig accountConfig,
            AuditLog audit, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.config = config;
        this.accountConfig = accountConfig;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new session: the bearer token (shown once), its CSRF companion and who it belongs to. */
    public record LoginResult(String accessToken, String csrfToken, Instant expiresAt, User user, Account account) {
    }

    /**
     * The same refusal, after the same hashing work, for an unknown email and a wrong password,
     * so neither the answer nor its timing tells which emails have accounts.
     */
    public Uni<LoginResult> login(String email, String password, String clientAddress) {
        return throttle.countAttempt(email, clientAddress)
                .chain(() -> Panache.withSession(() -> users.findByEmail(email.trim())))
                .chain(user -> hasher.verify(password, user == null ? null : user.passwordHash)
                        .chain(matches -> {
                            if (!matches) {
                                return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_CREDENTIALS));
                            }
                            return throttle.succeeded(email, clientAddress).chain(() -> open(user));
                        }));
    }

    public Uni<AuthenticatedUser> authenticate(String token) {
        byte[] tokenHash = Sha256.digest(token);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> sessions.findLive(tokenHash, now, now.minus(config.idleTimeout()))
                .chain(session -> session == null
                        ? Uni.createFrom().failure(ApiException.unauthorized())
                        : users.findById(session.userId).map(user -> {
                            if (user == null) {
                                throw ApiException.unauthorized();
                            }
                            touch(session, now);
                            return new AuthenticatedUser(user.id, user.accountId, user.email, tokenHash,
                                    user.emailVerifiedAt != null
                                            || accountConfig.emailVerification() == AccountConfig.EmailVerification.OFF);
                        })));
    }

    public Uni<Void> logout(AuthenticatedUser user) {
        return Panache.withTransaction(() -> sessions.deleteByTokenHash(user.sessionTokenHash())).replaceWithVoid();
    }

    /** Ends every session of the caller, on every device, the caller's own included; audited. */
    public Uni<Long> logoutEverywhere(AuthenticatedUser user) {
        return Panache.withTransaction(() -> sessions.deleteAllOf(user.userId())
                .call(ended -> audit.recordUserEvent(user.accountId(), Actor.user(user.userId(), user.email()),
                        AuditAction.SESSIONS_ENDED, ended + " session(s) ended")));
    }

    /** The CSRF token of a session: derived from its token, so nothing more needs storing. */
    public static String csrfTokenFor(String sessionToken) {
        return Sha256.base64Url(CSRF_LABEL + sessionToken);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpiredSessions() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> sessions.deleteExpired(now, now.minus(config.idleTimeout())))
                .replaceWithVoid();
    }

    /** Notes the use on the managed row (written at commit), unless it was noted within the last minute. */
    private static void touch(Session session, Instant now) {
        if (!session.lastSeenAt.plus(TOUCH_EVERY).isAfter(now)) {
            session.lastSeenAt = now;
        }
    }

    private Uni<LoginResult> open(User user) {
        String token = Sha256.randomSecret();
        Session session = new Session();
        session.tokenHash = Sha256.digest(token);
        session.userId = user.id;
        session.accountId = user.accountId;
        session.createdAt = clock.instant();
        session.expiresAt = session.createdAt.plus(config.lifetime());
        session.lastSeenAt = session.createdAt;
        return Panache.withTransaction(() -> sessions.persist(session)
                .chain(() -> accounts.findById(user.accountId)))
                .map(account -> new LoginResult(token, csrfTokenFor(token), session.expiresAt, user, account));
    }
}
