package com.envoyx.invoice.keychain.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.service.RequestLimiter;

import io.smallrye.mutiny.Uni;

/**
 * The key chain's steps as plain calls, shared by the REST filter (keychain.rest.ApiKeyFilter) and the
 * WebSocket upgrade, so both answer every key the same way.
 */
@ApplicationScoped
public class KeyChain {

    private static final Logger LOG = Logger.getLogger(KeyChain.class);

    private final ThrottledKeyResolver resolver;
    private final CredentialCache credentials;
    private final RequestLimiter limiter;

    KeyChain(ThrottledKeyResolver resolver, CredentialCache credentials, RequestLimiter limiter) {
        this.resolver = resolver;
        this.credentials = credentials;
        this.limiter = limiter;
    }

    /**
     * Steps 1 and 2 on the presented values of the key (no network call): none or blank -> 401
     * MISSING_API_KEY, more than one -> 400, malformed -> 403 INVALID_API_KEY.
     */
    public static ParsedApiKey parse(List<String> presented) {
        if (presented == null || presented.isEmpty() || presented.get(0).isBlank()) {
            throw new ApiException(ErrorCode.MISSING_API_KEY);
        }
        if (presented.size() > 1) {
            throw ApiException.validation("Send exactly one X-API-Key header.");
        }
        Optional<ParsedApiKey> key = ApiKeyFormat.parse(presented.get(0));
        if (key.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_API_KEY);
        }
        return key.get();
    }

    /**
     * Steps 3 to 5: the key's principal (through the per-address throttle of keys not known to be
     * valid), its scope ({@code required} may be null: any valid key) and one rate-limit decision.
     * Fails with {@link ApiException} only: 403 for unknown keys and missing scopes, 429 for an
     * address that sent too many unknown keys, 503 when auth-service cannot answer. A refusal by the rate limiter is not a
     * failure: the admission says {@code allowed() == false}.
     */
    public Uni<Admission> admit(ParsedApiKey key, String clientAddress, Scope required, boolean upload,
                                UUID requestId) {
        return resolver.resolve(key, clientAddress)
                .flatMap(principal -> {
                    if (required != null && !principal.has(required)) {
                        return Uni.createFrom().failure(new ApiException(ErrorCode.INSUFFICIENT_SCOPE,
                                "This API key lacks the " + required.wireName() + " scope."));
                    }
                    return limiter.check(principal, upload, requestId).map(outcome -> new Admission(principal, outcome));
                })
                .onFailure(AuthUnavailableException.class).transform(e -> {
                    LOG.warnf("Key exchange failed: %s", rootMessage(e));
                    return new ApiException(ErrorCode.SERVICE_UNAVAILABLE);
                });
    }

    /**
     * The seed's 429 for a key this replica knows to be valid and refused for its general budget
     * until a time still ahead, as the admission that answers it; null when the key must go
     * through {@link #admit}. No network call: this is what a client flooding a key over its
     * limit costs.
     */
    public Admission knownRefusal(ParsedApiKey key) {
        KeyPrincipal principal = credentials.knownValid(key).orElse(null);
        if (principal == null) {
            return null;
        }
        RateLimitOutcome refused = limiter.knownRefusal(principal);
        return refused == null ? null : new Admission(principal, refused);
    }

    /**
     * Re-resolves a key already admitted (e.g. a long-lived connection checking it is still valid);
     * not throttled, since the key passed the chain when it was admitted.
     */
    public Uni<KeyPrincipal> principal(ParsedApiKey key) {
        return credentials.resolve(key)
                .onFailure(AuthUnavailableException.class).transform(e -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE));
    }

    /** The seed's 429: {@code data.retry_after} and {@code Retry-After}, at least one second. */
    public static ApiException rateLimitExceeded(long retryAfterSeconds) {
        long retryAfter = Math.max(1, retryAfterSeconds);
        return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, ErrorCode.RATE_LIMIT_EXCEEDED.message(),
                Map.of("retry_after", retryAfter), retryAfter);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A known key with the needed scope, and the rate limiter's decision for this request. */
    public record Admission(KeyPrincipal principal, RateLimitOutcome outcome) {

        public boolean allowed() {
            return outcome.allowed();
        }
    }
}
