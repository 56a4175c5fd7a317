package com.envoyx.auth.apikey.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.envoyx.auth.apikey.service.NewKeySpec;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.error.Violations;
import com.envoyx.contracts.apikey.ApiKeyEnvironment;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /api/v1/api-keys}. */
public record CreateApiKeyRequest(String name, List<String> scopes, String environment, Instant expiresAt,
        JsonNode limits) {

    static final int MAX_NAME = 100;

    NewKeySpec validate(Instant now) {
        if (limits != null && !limits.isNull()) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "Limits can only be changed by an operator; contact support for higher limits.",
                    Map.of("field", "limits"));
        }
        Violations violations = new Violations();
        String trimmedName = name == null ? "" : name.trim();
        if (trimmedName.isEmpty()) {
            violations.add("name", "is required");
        } else if (trimmedName.length() > MAX_NAME) {
            violations.add("name", "must be 1 to " + MAX_NAME + " characters");
        }
        List<Scope> parsedScopes = new ArrayList<>();
        if (scopes == null) {
            parsedScopes.addAll(List.of(Scope.values()));
        } else if (scopes.isEmpty()) {
            violations.add("scopes", "must name at least one scope: invoices:read, invoices:write, webhooks:write");
        } else {
            for (int i = 0; i < scopes.size(); i++) {
                String scope = scopes.get(i);
                int index = i;
                Scope.fromWireName(scope).ifPresentOrElse(
                        found -> {
                            if (!parsedScopes.contains(found)) {
                                parsedScopes.add(found);
                            }
                        },
                        () -> violations.add("scopes[" + index + "]", "unknown scope; allowed: invoices:read, invoices:write, webhooks:write"));
            }
        }
        ApiKeyEnvironment parsedEnvironment = ApiKeyEnvironment.PRODUCTION;
        if (environment != null) {
            parsedEnvironment = ApiKeyEnvironment.fromWireName(environment).orElse(null);
            if (parsedEnvironment == null) {
                violations.add("environment", "must be production, staging or development");
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            violations.add("expires_at", "must be in the future");
        }
        violations.throwIfAny();
        return new NewKeySpec(trimmedName, List.copyOf(parsedScopes), parsedEnvironment, expiresAt);
    }
}
