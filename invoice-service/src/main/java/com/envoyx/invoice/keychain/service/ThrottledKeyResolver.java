package com.envoyx.invoice.keychain.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.keychain.repository.InvalidKeyThrottle;

import io.smallrye.mutiny.Uni;

/**
 * Resolves the key a client presented, from the client's address: a key cached as valid is
 * answered at once, whatever the address did; any other key first costs the address one attempt
 * of {@link InvalidKeyThrottle}'s budget, so a flood of made-up keys from one address is answered
 * 429 before it reaches auth-service's database. Every entry point that takes a key from a client
 * (HTTP, WebSocket) should resolve it here rather than on {@link CredentialCache} directly.
 */
@ApplicationScoped
public class ThrottledKeyResolver {

    private final CredentialCache credentials;
    private final InvalidKeyThrottle throttle;

    ThrottledKeyResolver(CredentialCache credentials, InvalidKeyThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    /**
     * The principal of the key; fails with 403 INVALID_API_KEY, 429 RATE_LIMIT_EXCEEDED (with
     * {@code retry_after}) or {@link AuthUnavailableException}.
     */
    public Uni<KeyPrincipal> resolve(ParsedApiKey key, String clientAddress) {
        Optional<KeyPrincipal> known = credentials.knownValid(key);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return throttle.countAttempt(clientAddress).flatMap(attempt -> {
            if (!attempt.allowed()) {
                return Uni.createFrom().failure(KeyChain.rateLimitExceeded(attempt.retryAfterSeconds()));
            }
            // Given back before answering, so the client's next attempt already sees it (one
            // round trip, only for a valid key that was not cached: once per token lifetime).
            return credentials.resolve(key)
                    .call(() -> throttle.giveBack(attempt))
                    .onFailure(AuthUnavailableException.class).call(() -> throttle.giveBack(attempt));
        });
    }
}
