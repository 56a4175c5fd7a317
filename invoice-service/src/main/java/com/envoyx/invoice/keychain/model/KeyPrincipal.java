package com.envoyx.invoice.keychain.model;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.token.KeyLimitsClaim;

/**
 * Who is calling: the verified claims of the internal token auth-service issued for the
 * presented API key, plus the token itself (ratelimit-service takes the key id from it).
 * {@code budgetId} names the rate-limit budget the key spends, shared along its rotation chain:
 * whatever this replica decides locally about limits is keyed by it, never by the key id.
 * A {@link #dashboard dashboard} principal is a signed-in account's dashboard session, not a key:
 * no key id, budget or environment; only the webhooks routes admit it.
 */
public record KeyPrincipal(
        UUID keyId,
        UUID budgetId,
        UUID accountId,
        Set<Scope> scopes,
        ApiKeyEnvironment environment,
        String keyName,
        String keyHint,
        KeyLimitsClaim limits,
        String token,
        Instant tokenExpiresAt) {

    public static KeyPrincipal dashboard(UUID accountId, Set<Scope> scopes, String token, Instant tokenExpiresAt) {
        return new KeyPrincipal(null, null, accountId, scopes, null, "Dashboard", null, KeyLimitsClaim.NONE, token,
                tokenExpiresAt);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "KeyPrincipal[key=" + keyId + ", account=" + accountId + "]";
    }
}
