package com.envoyx.invoice.testing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.token.KeyLimitsClaim;
import com.envoyx.invoice.keychain.model.KeyPrincipal;

/** Principals for service-level tests, which run below the key chain. */
public final class Principals {

    private Principals() {
    }

    public static KeyPrincipal ofNewAccount() {
        UUID keyId = UUID.randomUUID();
        return new KeyPrincipal(keyId, keyId, UUID.randomUUID(), EnumSet.allOf(Scope.class),
                ApiKeyEnvironment.DEVELOPMENT, "Service test", "envx_dev_\u2026test", KeyLimitsClaim.NONE, "unused",
                Instant.now().plusSeconds(300));
    }
}
