package com.envoyx.invoice.keychain.client;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.token.InternalTokenClaims;
import com.envoyx.contracts.token.KeyLimitsClaim;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.platform.OnWorker;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies an internal token locally against auth-service's JWKS: signature with the configured
 * algorithm only (ES256), exact issuer and audience, expiry (all from {@code mp.jwt.verify.*}),
 * then reads the EnvoyX claims ({@code limits} through the contract's {@link KeyLimitsClaim}: a
 * malformed member keeps its default and is logged, it does not fail the token). Runs on a worker
 * because the first use of a {@code kid} fetches the JWKS over HTTP.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final JWTParser parser;
    private final OnWorker worker;

    TokenVerifier(JWTParser parser, OnWorker worker) {
        this.parser = parser;
        this.worker = worker;
    }

    public Uni<KeyPrincipal> verify(String token) {
        return worker.call(() -> toPrincipal(parser.parse(token), token));
    }

    /**
     * A dashboard token: verified exactly as a key's, then it must carry the dashboard marker, so
     * a key's token (or any other token auth-service signs) is never taken for a dashboard session.
     */
    public Uni<KeyPrincipal> verifyDashboard(String token) {
        return worker.call(() -> toDashboardPrincipal(parser.parse(token), token));
    }

    static KeyPrincipal toDashboardPrincipal(JsonWebToken jwt, String token) throws ParseException {
        try {
            Object marker = jwt.getClaim(InternalTokenClaims.DASHBOARD);
            if (!(Boolean.TRUE.equals(marker) || JsonValue.TRUE.equals(marker))) {
                throw new IllegalArgumentException("not a dashboard token");
            }
            UUID accountId = UUID.fromString(string(jwt.getClaim(InternalTokenClaims.ACCOUNT_ID)));
            if (!(InternalTokenClaims.DASHBOARD_SUBJECT_PREFIX + accountId).equals(jwt.getSubject())) {
                throw new IllegalArgumentException("subject does not name the account");
            }
            return KeyPrincipal.dashboard(accountId, scopes(jwt.getClaim(InternalTokenClaims.SCOPES)), token,
                    Instant.ofEpochSecond(jwt.getExpirationTime()));
        } catch (RuntimeException e) {
            throw new ParseException("token claims do not match the dashboard token contract: " + e.getMessage(), e);
        }
    }

    static KeyPrincipal toPrincipal(JsonWebToken jwt, String token) throws ParseException {
        try {
            UUID keyId = UUID.fromString(jwt.getSubject());
            Object budget = jwt.getClaim(InternalTokenClaims.BUDGET_ID);
            return new KeyPrincipal(
                    keyId,
                    budget == null ? keyId : UUID.fromString(string(budget)),
                    UUID.fromString(string(jwt.getClaim(InternalTokenClaims.ACCOUNT_ID))),
                    scopes(jwt.getClaim(InternalTokenClaims.SCOPES)),
                    ApiKeyEnvironment.fromWireName(string(jwt.getClaim(InternalTokenClaims.ENVIRONMENT)))
                            .orElseThrow(() -> new IllegalArgumentException("unknown env claim")),
                    string(jwt.getClaim(InternalTokenClaims.KEY_NAME)),
                    string(jwt.getClaim(InternalTokenClaims.KEY_HINT)),
                    KeyLimitsClaim.read(jwt.getClaim(InternalTokenClaims.LIMITS), LOG::warn),
                    token,
                    Instant.ofEpochSecond(jwt.getExpirationTime()));
        } catch (RuntimeException e) {
            throw new ParseException("token claims do not match the internal token contract: " + e.getMessage(), e);
        }
    }

    private static String string(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        if (claim instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("expected a string claim");
    }

    private static Set<Scope> scopes(Object claim) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object element : elements(claim)) {
            Scope.fromWireName(string(element)).ifPresent(scopes::add);
        }
        return scopes;
    }

    private static Collection<?> elements(Object claim) {
        if (claim instanceof JsonArray array) {
            return array;
        }
        if (claim instanceof Collection<?> collection) {
            return collection;
        }
        if (claim == null) {
            return List.of();
        }
        throw new IllegalArgumentException("expected an array claim");
    }
}
