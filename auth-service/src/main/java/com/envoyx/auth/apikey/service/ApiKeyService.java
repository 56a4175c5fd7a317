package com.envoyx.auth.apikey.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.account.service.AuthenticatedUser;
import com.envoyx.auth.apikey.config.ApiKeyConfig;
import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.apikey.model.ApiKeyStatus;
import com.envoyx.auth.apikey.model.PendingKeyEvent;
import com.envoyx.auth.apikey.repository.ApiKeyRepository;
import com.envoyx.auth.audit.model.Actor;
import com.envoyx.auth.audit.model.AuditAction;
import com.envoyx.auth.audit.service.AuditLog;
import com.envoyx.auth.error.ApiException;
import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.contracts.events.ApiKeyEvents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The key lifecycle. Every change, its audit line and the event that tells other services commit
 * in one transaction (the event into the {@link KeyEventOutbox}); the event is published after the
 * commit and retried until Redis accepts it, so nobody drops a credential for a change that rolled
 * back, and no committed revocation goes unannounced.
 */
@ApplicationScoped
public class ApiKeyService {

    /** The longest grace period a rotation may give the old key. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    private final ApiKeyRepository keys;
    private final ApiKeyHasher hasher;
    private final AuditLog audit;
    private final KeyEventOutbox events;
    private final ApiKeyConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, ApiKeyHasher hasher, AuditLog audit, KeyEventOutbox events, ApiKeyConfig config,
            Clock clock) {
        this.keys = keys;
        this.hasher = hasher;
        this.audit = audit;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /**
     * 403 EMAIL_NOT_VERIFIED until the caller's address is verified (the public FAQ's rule); 409
     * API_KEY_LIMIT_REACHED when the account already has its maximum of active keys.
     */
    public Uni<IssuedKey> create(AuthenticatedUser user, NewKeySpec spec) {
        if (!user.emailVerified()) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.EMAIL_NOT_VERIFIED));
        }
        return Panache.withTransaction(() -> keys.lockAccountKeys(user.accountId())
                .chain(() -> keys.countActive(user.accountId(), clock.instant()))
                .chain(active -> {
            if (active >= config.maxActiveKeysPerAccount()) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.API_KEY_LIMIT_REACHED,
                        "This account already has " + config.maxActiveKeysPerAccount()
                                + " active API keys, the maximum. Revoke a key you no longer use, then create the new one."));
            }
            IssuedKey issued = issue(user.accountId(), user.userId(), spec.name(),
                    spec.scopes().stream().map(Scope::wireName).toList(), spec.environment(), spec.expiresAt());
            return keys.persist(issued.key())
                    .chain(() -> audit.record(user.accountId(), actor(user), AuditAction.CREATED, issued.key(), null))
                    .replaceWith(issued);
        }));
    }

    public Uni<List<ApiKey>> list(AuthenticatedUser user) {
        return Panache.withSession(() -> keys.listForAccount(user.accountId()));
    }

    public Uni<ApiKey> get(AuthenticatedUser user, UUID id) {
        return Panache.withSession(() -> owned(user, id));
    }

    /** The key whose plaintext this is, or null: one indexed lookup by its hash. */
    public Uni<ApiKey> findByPlaintext(String plaintext) {
        byte[] hash = hasher.hash(plaintext);
        return Panache.withSession(() -> keys.findByHash(hash));
    }

    /** Idempotent: revoking a revoked key changes nothing and announces nothing. */
    public Uni<ApiKey> revoke(AuthenticatedUser user, UUID id) {
        return changeThenAnnounce(() -> owned(user, id).chain(key -> {
            if (key.revokedAt != null) {
                return Uni.createFrom().item(new Change<>(key, null));
            }
            key.revokedAt = clock.instant();
            return audit.record(key.accountId, actor(user), AuditAction.REVOKED, key, null)
                    .replaceWith(new Change<>(key, ApiKeyEvents.Type.REVOKED));
        }), key -> key);
    }

    public Uni<ApiKey> delete(AuthenticatedUser user, UUID id) {
        return changeThenAnnounce(() -> owned(user, id).chain(key -> keys.delete(key)
                .chain(() -> audit.record(key.accountId, actor(user), AuditAction.DELETED, key, null))
                .replaceWith(new Change<>(key, ApiKeyEvents.Type.DELETED))), key -> key);
    }

    /** The successor key, and the predecessor as it now stands (working until its grace ends). */
    public record Rotation(IssuedKey successor, ApiKey predecessor) {
    }

    /**
     * A new key with the old one's settings. The old key keeps working for the grace period
     * (never beyond its own expiry) and then ends by itself; with no grace it ends at once.
     */
    public Uni<Rotation> rotate(AuthenticatedUser user, UUID id, Duration grace) {
        return changeThenAnnounce(() -> owned(user, id).chain(old -> {
            Instant now = clock.instant();
            if (old.statusAt(now) != ApiKeyStatus.ACTIVE || old.replacedBy != null) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.CONFLICT,
                        "Only an active key that was not rotated yet can be rotated."));
            }
            IssuedKey successor = issue(old.accountId, user.userId(), old.name, old.scopeList(),
                    ApiKeyEnvironment.fromWireName(old.environment).orElseThrow(), old.expiresAt);
            successor.key().budgetId = old.budgetId;
            successor.key().requestsPerMinute = old.requestsPerMinute;
            successor.key().uploadsPerHour = old.uploadsPerHour;
            successor.key().websocketConnections = old.websocketConnections;
            Instant graceEnd = now.plus(grace);
            old.rotatedAt = now;
            old.replacedBy = successor.key().id;
            if (old.expiresAt == null || graceEnd.isBefore(old.expiresAt)) {
                old.expiresAt = graceEnd;
            }
            boolean endsNow = grace.isZero();
            if (endsNow) {
                old.endAnnouncedAt = now;
            }
            return keys.persist(successor.key())
                    .chain(() -> audit.record(old.accountId, actor(user), AuditAction.ROTATED, old,
                            "grace_period_seconds=" + grace.toSeconds() + ", successor=" + successor.key().id))
                    .chain(() -> audit.record(old.accountId, actor(user), AuditAction.CREATED, successor.key(),
                            "rotated_from=" + old.id))
                    .replaceWith(new Change<>(new Rotation(successor, old), endsNow ? ApiKeyEvents.Type.ROTATED : null));
        }), Rotation::predecessor);
    }

    /** Operator change of limit overrides; takes effect with the key's next token, and at once through the event. */
    public Uni<ApiKey> changeLimits(UUID id, LimitChange change) {
        return changeThenAnnounce(() -> keys.findById(id).chain(key -> {
            if (key == null) {
                return Uni.createFrom().failure(ApiException.notFound());
            }
            change.applyTo(key);
            return audit.record(key.accountId, Actor.OPERATOR, AuditAction.LIMITS_CHANGED, key, change.describe())
                    .replaceWith(new Change<>(key, ApiKeyEvents.Type.LIMITS_CHANGED));
        }), key -> key);
    }

    /**
     * Marks keys whose expiry or rotation grace has passed as announced, and announces each once
     * (rotated or expired). Returns how many it found; callers repeat while a full batch came back.
     */
    public Uni<Integer> announceEnded(int batchSize) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> keys.findEndedUnannounced(now, batchSize).chain(ended -> {
            Uni<Void> audited = Uni.createFrom().voidItem();
            for (ApiKey key : ended) {
                key.endAnnouncedAt = now;
                AuditAction action = key.replacedBy == null ? AuditAction.EXPIRED : AuditAction.ROTATION_ENDED;
                audited = audited.chain(() -> audit.record(key.accountId, Actor.SYSTEM, action, key, null));
            }
            for (ApiKey key : ended) {
                ApiKeyEvents.Type type = key.replacedBy == null ? ApiKeyEvents.Type.EXPIRED : ApiKeyEvents.Type.ROTATED;
                audited = audited.chain(() -> events.add(type, key).replaceWithVoid());
            }
            return audited.replaceWith(ended.size());
        })).invoke(found -> {
            if (found > 0) {
                events.publishSoon();
            }
        });
    }

    /** A change and the event it calls for (null: nothing to announce). */
    private record Change<T>(T result, ApiKeyEvents.Type announce) {
    }

    /** A committed change and its event in the outbox (null: nothing to announce). */
    private record Announced<T>(T result, PendingKeyEvent event) {
    }

    /**
     * The change and its event in one transaction; once committed, the event is published before
     * the change is answered (as promptly as a direct publish; if Redis does not take it within the
     * publish timeout, the outbox keeps trying and the answer goes out).
     */
    private <T> Uni<T> changeThenAnnounce(Supplier<Uni<Change<T>>> change,
            Function<T, ApiKey> announcedKey) {
        return Panache.withTransaction(() -> change.get().chain(done -> {
            if (done.announce() == null) {
                return Uni.createFrom().item(new Announced<T>(done.result(), null));
            }
            return events.add(done.announce(), announcedKey.apply(done.result()))
                    .map(event -> new Announced<>(done.result(), event));
        })).call(announced -> announced.event() == null ? Uni.createFrom().voidItem() : events.publishNow(announced.event()))
                .map(Announced::result);
    }

    private Uni<ApiKey> owned(AuthenticatedUser user, UUID id) {
        return keys.findOwned(id, user.accountId())
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    private IssuedKey issue(UUID accountId, UUID createdBy, String name, List<String> scopes,
            ApiKeyEnvironment environment, Instant expiresAt) {
        String plaintext = ApiKeyFormat.generate(environment, random);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.budgetId = key.id;
        key.accountId = accountId;
        key.name = name;
        key.keyHash = hasher.hash(plaintext);
        key.displayPrefix = ApiKeyFormat.PREFIX + environment.keyTag() + "_";
        key.lastFour = plaintext.substring(plaintext.length() - 4);
        key.environment = environment.wireName();
        key.setScopes(scopes);
        key.createdBy = createdBy;
        key.createdAt = clock.instant();
        key.expiresAt = expiresAt;
        return new IssuedKey(key, plaintext);
    }

    private static Actor actor(AuthenticatedUser user) {
        return Actor.user(user.userId(), user.email());
    }
}
