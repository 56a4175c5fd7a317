package com.envoyx.auth.apikey.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.envoyx.auth.apikey.client.RateLimiterUsageClient;
import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.token.service.TokenIssuer;
import com.envoyx.contracts.ratelimit.v1.UsageBucket;
import com.envoyx.contracts.ratelimit.v1.UsageResponse;

import io.smallrye.mutiny.Uni;

/** Usage of a key: ratelimit-service's counters when it answers, else what auth-service knows. */
@ApplicationScoped
public class UsageService {

    private static final Logger LOG = Logger.getLogger(UsageService.class);

    private final RateLimiterUsageClient ratelimit;
    private final TokenIssuer tokens;
    private final LastUsedRecorder lastUsed;

    UsageService(RateLimiterUsageClient ratelimit, TokenIssuer tokens, LastUsedRecorder lastUsed) {
        this.ratelimit = ratelimit;
        this.tokens = tokens;
        this.lastUsed = lastUsed;
    }

    public Uni<UsageReport> of(ApiKey key) {
        Instant known = latest(key.lastUsedAt, lastUsed.unflushed(key.id).orElse(null));
        // Deferred, so that a token that cannot be signed also ends in the fallback below. Usage is
        // counted per budget, so a key shows what its whole rotation chain spent.
        return Uni.createFrom().deferred(() -> ratelimit.usage(key.budgetId, tokens.serviceToken()))
                .map(response -> new UsageReport(key.id, true, latest(known, lastUsedOf(response)),
                        buckets(response.getHourlyList()), buckets(response.getDailyList())))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Usage of key %s unavailable: %s", key.id, e.getClass().getSimpleName());
                    return new UsageReport(key.id, false, known, null, null);
                });
    }

    private static Instant lastUsedOf(UsageResponse response) {
        return response.getLastUsedAt() > 0 ? Instant.ofEpochMilli(response.getLastUsedAt()) : null;
    }

    private static List<UsageReport.Bucket> buckets(List<UsageBucket> buckets) {
        return buckets.stream()
                .map(bucket -> new UsageReport.Bucket(Instant.ofEpochSecond(bucket.getStart()), bucket.getRequests()))
                .toList();
    }

    private static Instant latest(Instant a, Instant b) {
        return Stream.of(a, b).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
    }
}
