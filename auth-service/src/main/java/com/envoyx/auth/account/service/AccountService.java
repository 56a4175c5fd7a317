package com.envoyx.auth.account.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.config.AccountConfig;
import com.envoyx.auth.account.model.Account;
import com.envoyx.auth.account.model.TokenPurpose;
import com.envoyx.auth.account.model.User;
import com.envoyx.auth.account.repository.AccountRepository;
import com.envoyx.auth.account.repository.MailThrottle;
import com.envoyx.auth.account.repository.SignupThrottle;
import com.envoyx.auth.account.repository.UserRepository;
import com.envoyx.auth.audit.model.Actor;
import com.envoyx.auth.audit.model.AuditAction;
import com.envoyx.auth.audit.service.AuditLog;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.error.Constraints;
import com.envoyx.auth.mail.model.MailKind;
import com.envoyx.auth.mail.service.MailOutbox;
import com.envoyx.contracts.error.ErrorCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Registration and email verification. Registration never tells whether an address already has
 * an account: both cases cost one password hash and one transaction and get the same answer; the
 * owner of a taken address gets a "you already have an account" mail instead of a second account.
 */
@ApplicationScoped
public class AccountService {

    static final String VERIFY_PAGE = "/verify-email";
    static final String RESET_PAGE = "/reset-password";

    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SignupThrottle signups;
    private final MailThrottle mailThrottle;
    private final MailedTokens tokens;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final AccountConfig config;

    AccountService(AccountRepository accounts, UserRepository users, PasswordHasher hasher, SignupThrottle signups,
            MailThrottle mailThrottle, MailedTokens tokens, MailOutbox mail, AuditLog audit, AccountConfig config) {
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.signups = signups;
        this.mailThrottle = mailThrottle;
        this.tokens = tokens;
        this.mail = mail;
        this.audit = audit;
        this.config = config;
    }

    /**
     * Validated input assumed. Completes the same way for a new and a taken address (429 when the
     * client or the service is over its sign-up budget, 503 when hashing is saturated).
     */
    public Uni<Void> register(String email, String password, String accountName, String clientAddress) {
        return signups.countSignup(clientAddress)
                // Hashed for a taken address too, so that both answers take the same time.
                .chain(() -> hasher.hash(password))
                .chain(passwordHash -> Panache.withTransaction(() -> users.findByEmail(email)
                        .chain(existing -> existing == null
                                ? create(email, passwordHash, accountName)
                                : tellExistingOwner(existing))))
                // A parallel registration of the same address won the unique index: the same as taken.
                .onFailure(Constraints::isUniqueViolation).recoverWithItem(false)
                .invoke(mailAdded -> {
                    if (mailAdded) {
                        mail.sendSoon();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Verifies the address a verification token was sent to. A token stays findable after use
     * until it expires, so opening the link twice verifies once and shows the same result.
     */
    public Uni<String> verifyEmail(String token) {
        return Panache.withTransaction(() -> tokens.find(token, TokenPurpose.EMAIL_VERIFICATION)
                .chain(found -> users.findById(found.userId).chain(user -> {
                    if (found.usedAt == null) {
                        found.usedAt = tokens.now();
                    }
                    if (user.emailVerifiedAt != null) {
                        return Uni.createFrom().item(user.email);
                    }
                    user.emailVerifiedAt = tokens.now();
                    return audit.recordUserEvent(user.accountId, Actor.user(user.id, user.email),
                            AuditAction.EMAIL_VERIFIED, null).replaceWith(user.email);
                })));
    }

    /** Sends a fresh verification link; 409 when the address is verified, 429 past the mail budget. */
    public Uni<Void> resendVerification(AuthenticatedUser caller) {
        if (caller.emailVerified()) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.CONFLICT, "This email address is already verified."));
        }
        return mailThrottle.countMail(caller.email()).chain(retryAfter -> {
            if (retryAfter > 0) {
                return Uni.createFrom().failure(ApiException.retryLater(ErrorCode.RATE_LIMIT_EXCEEDED, retryAfter));
            }
            return Panache.withTransaction(() -> users.findById(caller.userId()).chain(this::sendVerification))
                    .invoke(mail::sendSoon);
        });
    }

    private Uni<Boolean> create(String email, String passwordHash, String accountName) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.name = accountName;
        account.createdAt = tokens.now();
        User user = new User();
        user.id = UUID.randomUUID();
        user.accountId = account.id;
        user.email = email;
        user.passwordHash = passwordHash;
        user.createdAt = account.createdAt;
        boolean verificationRequired = config.emailVerification() == AccountConfig.EmailVerification.REQUIRED;
        if (!verificationRequired) {
            user.emailVerifiedAt = user.createdAt;
        }
        Uni<Void> created = accounts.persist(account).chain(() -> users.persist(user)).replaceWithVoid();
        return verificationRequired
                ? created.chain(() -> mailThrottle.countMail(email)).chain(() -> sendVerification(user)).replaceWith(true)
                : created.replaceWith(false);
    }

    /** The owner of a taken address learns that someone tried, unless that address had its mail budget. */
    private Uni<Boolean> tellExistingOwner(User existing) {
        return mailThrottle.countMail(existing.email).chain(retryAfter -> retryAfter > 0
                ? Uni.createFrom().item(false)
                : mail.add(existing.email, MailKind.ACCOUNT_EXISTS, Map.of(
                        "email", existing.email,
                        "loginLink", tokens.page("/"),
                        "resetLink", tokens.page(RESET_PAGE))).replaceWith(true));
    }

    private Uni<Void> sendVerification(User user) {
        return tokens.issue(user, TokenPurpose.EMAIL_VERIFICATION)
                .chain(value -> mail.add(user.email, MailKind.VERIFY_EMAIL, Map.of(
                        "email", user.email,
                        "link", tokens.link(VERIFY_PAGE, value),
                        "validFor", Durations.describe(tokens.lifetime(TokenPurpose.EMAIL_VERIFICATION)))));
    }
}
