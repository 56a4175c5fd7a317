package com.envoyx.invoice.keychain.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.client.TokenVerifier;
import com.envoyx.invoice.keychain.model.KeyPrincipal;

import io.smallrye.mutiny.Uni;

/**
 * The dashboard sessions auth-service vouches for on the webhooks routes: a token that fails
 * verification (forged, expired, not a dashboard token) is the caller's 401, never an outage.
 */
@ApplicationScoped
public class DashboardTokens {

    private final TokenVerifier verifier;

    DashboardTokens(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Uni<KeyPrincipal> principal(String token) {
        return verifier.verifyDashboard(token)
                .onFailure(e -> !(e instanceof ApiException))
                .transform(e -> new ApiException(ErrorCode.UNAUTHORIZED,
                        "The dashboard session token is invalid or has expired; reload the page."));
    }
}
