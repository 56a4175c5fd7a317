package com.envoyx.ratelimit.token.model;

import java.time.Instant;

import com.envoyx.contracts.token.KeyLimitsClaim;

/**
 * Who is calling, as proven by a verified internal token. A key token names the API key and the
 * budget it spends ({@code budgetId}: the first key of its rotation chain, so a rotated key and
 * its successor share one); a service token ({@code svc} claim) names a service and owns no budget.
 */
public record Caller(String keyId, String budgetId, String accountId, String service, KeyLimitsClaim overrides, Instant expiresAt) {

    public boolean isService() {
        return service != null;
    }
}
