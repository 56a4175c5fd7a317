package com.envoyx.ratelimit.token.model;

import java.time.Instant;

import com.envoyx.contracts.token.KeyLimitsClaim;

/**
 * Who is calling, as proven by a verified internal token. A key token names the API key whose
 * budget is charged; a service token ({@code svc} claim) names a service and owns no budget.
 */
public record Caller(String keyId, String accountId, String service, KeyLimitsClaim overrides, Instant expiresAt) {

    public boolean isService() {
        return service != null;
    }
}
