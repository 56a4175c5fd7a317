package com.envoyx.auth.account.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.model.Account;
import com.envoyx.auth.account.model.User;
import com.envoyx.auth.account.repository.AccountRepository;
import com.envoyx.auth.account.repository.UserRepository;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.error.Constraints;
import com.envoyx.contracts.error.ErrorCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Registration: a new account (the organisation) with its first user. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    AccountService(AccountRepository accounts, UserRepository users, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    public record Registered(Account account, User user) {
    }

    /** Validated input assumed. Refuses a taken email (any case) with 409 CONFLICT. */
    public Uni<Registered> register(String email, String password, String accountName) {
        return Panache.withSession(() -> users.findByEmail(email))
                .chain(existing -> existing != null
                        ? Uni.createFrom().failure(emailTaken())
                        : hasher.hash(password))
                .chain(passwordHash -> Panache.withTransaction(() -> {
                    Account account = new Account();
                    account.id = UUID.randomUUID();
                    account.name = accountName;
                    account.createdAt = clock.instant();
                    User user = new User();
                    user.id = UUID.randomUUID();
                    user.accountId = account.id;
                    user.email = email;
                    user.passwordHash = passwordHash;
                    user.createdAt = account.createdAt;
                    return accounts.persist(account)
                            .chain(() -> users.persist(user))
                            .map(persisted -> new Registered(account, user));
                }))
                .onFailure(Constraints::isUniqueViolation).transform(e -> emailTaken());
    }

    private static ApiException emailTaken() {
        return new ApiException(ErrorCode.CONFLICT, "An account with this email already exists.",
                java.util.Map.of("field", "email"));
    }
}
