package com.envoyx.invoice.keychain.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.keychain.repository.InvalidKeyThrottle;

import io.smallrye.mutiny.Uni;

/**
 * Resolves the key a client presented, from the client's address: a key cached as valid is
 * answered at once, whatever the address did. Any other key is looked up in the address's lane
 * ({@link ExchangeLanes}: a few lookups at a time, the rest wait), unless the address already
 * presented too many invalid keys ({@link InvalidKeyThrottle}: 429 before auth-service is asked).
 * Only a key that turns out invalid counts against the address. Every entry point that takes a key
 * from a client (HTTP, WebSocket) should resolve it here rather than on {@link CredentialCache}
 * directly.
 */
@ApplicationScoped
public class ThrottledKeyResolver {

    private final CredentialCache credentials;
    private final InvalidKeyThrottle throttle;
    private final ExchangeLanes lanes;

    ThrottledKeyResolver(CredentialCache credentials, InvalidKeyThrottle throttle, ExchangeLanes lanes) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.lanes = lanes;
    }

    /**
     * The principal of the key; fails with 403 INVALID_API_KEY, 429 RATE_LIMIT_EXCEEDED (with
     * {@code retry_after}), 503 when the address has too many lookups waiting, or
     * {@link AuthUnavailableException}.
     */
    public Uni<KeyPrincipal> resolve(ParsedApiKey key, String clientAddress) {
        Optional<KeyPrincipal> known = credentials.knownValid(key);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        String bucket = throttle.bucketOf(clientAddress);
        return lanes.inTurn(bucket, () -> {
            // Another request of the same key may have cached it while this one waited.
            Optional<KeyPrincipal> cachedMeanwhile = credentials.knownValid(key);
            if (cachedMeanwhile.isPresent()) {
                return Uni.createFrom().item(cachedMeanwhile.get());
            }
            return throttle.admission(bucket).flatMap(attempt -> {
                if (!attempt.allowed()) {
                    return Uni.createFrom().failure(KeyChain.rateLimitExceeded(attempt.retryAfterSeconds()));
                }
                return credentials.resolve(key)
                        .onFailure(ThrottledKeyResolver::invalidKey).call(() -> throttle.countInvalid(bucket));
            });
        });
    }

    private static boolean invalidKey(Throwable failure) {
        return failure instanceof ApiException refusal && refusal.code() == ErrorCode.INVALID_API_KEY;
    }
}
