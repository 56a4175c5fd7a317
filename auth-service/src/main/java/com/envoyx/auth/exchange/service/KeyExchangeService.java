package com.envoyx.auth.exchange.service;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.apikey.service.ApiKeyService;
import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.token.service.TokenIssuer;
import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.IssuedToken;
import com.envoyx.contracts.auth.v1.RejectionReason;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * API key -> internal token. A malformed key is refused without a lookup; otherwise one indexed
 * SELECT by hash, a signature with the pre-loaded key, and an in-memory note for last_used_at.
 */
@ApplicationScoped
public class KeyExchangeService {

    private static final String METRIC = "envoyx_key_exchanges";
    private static final List<RejectionReason> REASONS =
            List.of(RejectionReason.INVALID, RejectionReason.REVOKED, RejectionReason.EXPIRED);

    private final ApiKeyService keys;
    private final TokenIssuer tokens;
    private final LastUsedRecorder lastUsed;
    private final Clock clock;
    private final Counter issued;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

    KeyExchangeService(ApiKeyService keys, TokenIssuer tokens, LastUsedRecorder lastUsed, Clock clock,
            MeterRegistry metrics) {
        this.keys = keys;
        this.tokens = tokens;
        this.lastUsed = lastUsed;
        this.clock = clock;
        this.issued = metrics.counter(METRIC, "result", "issued");
        for (RejectionReason reason : REASONS) {
            rejected.put(reason, metrics.counter(METRIC, "result", reason.name().toLowerCase(Locale.ROOT)));
        }
    }

    public Uni<ExchangeResponse> exchange(String apiKey) {
        Optional<ParsedApiKey> parsed = ApiKeyFormat.parse(apiKey);
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(reject(RejectionReason.INVALID));
        }
        return keys.findByPlaintext(parsed.get().value()).map(this::decide);
    }

    private ExchangeResponse decide(ApiKey key) {
        if (key == null) {
            return reject(RejectionReason.INVALID);
        }
        if (key.revokedAt != null) {
            return reject(RejectionReason.REVOKED);
        }
        Instant now = clock.instant();
        if (key.expiresAt != null && !key.expiresAt.isAfter(now)) {
            return reject(RejectionReason.EXPIRED);
        }
        TokenIssuer.IssuedToken token = tokens.forKey(new TokenIssuer.KeyClaims(key.id, key.budgetId, key.accountId,
                key.scopeList(), key.environment, key.name, key.hint(), key.limitOverrides()), key.expiresAt);
        if (token.expiresAt() <= now.getEpochSecond()) {
            // The key ends within this second: a token would be dead on arrival.
            return reject(RejectionReason.EXPIRED);
        }
        lastUsed.record(key.id, now);
        issued.increment();
        return ExchangeResponse.newBuilder()
                .setToken(IssuedToken.newBuilder()
                        .setJwt(token.jwt())
                        .setExpiresAt(token.expiresAt())
                        .setKeyId(key.id.toString()))
                .build();
    }

    private ExchangeResponse reject(RejectionReason reason) {
        rejected.get(reason).increment();
        return ExchangeResponse.newBuilder().setRejection(reason).build();
    }
}
