package com.envoyx.auth.apikey.rest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.envoyx.auth.account.rest.BearerToken;
import com.envoyx.auth.apikey.config.AdminConfig;
import com.envoyx.auth.apikey.service.ApiKeyService;
import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.apikey.service.LimitChange;
import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.error.Violations;
import com.envoyx.auth.platform.Sha256;
import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.contracts.token.InternalTokenClaims;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * The operator's "contact support for higher limits" API. Without a configured token it does not
 * exist (404); with one, the bearer token is compared in constant time.
 */
@Path("/api/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class AdminLimitsResource {

    static final int MAX_LIMIT = 1_000_000;
    private static final List<String> MEMBERS = List.of(InternalTokenClaims.LIMIT_REQUESTS_PER_MINUTE,
            InternalTokenClaims.LIMIT_UPLOADS_PER_HOUR, InternalTokenClaims.LIMIT_WEBSOCKET_CONNECTIONS);

    private final ApiKeyService keys;
    private final AdminConfig config;
    private final LastUsedRecorder lastUsed;
    private final Clock clock;

    AdminLimitsResource(ApiKeyService keys, AdminConfig config, LastUsedRecorder lastUsed, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.lastUsed = lastUsed;
        this.clock = clock;
    }

    @PATCH
    @Path("/{id}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Envelope> changeLimits(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ObjectNode body) {
        authorize(authorization);
        LimitChange change = parse(Violations.requireBody(body));
        return keys.changeLimits(id, change)
                .map(key -> Envelope.ok(200, "API_KEY_LIMITS_UPDATED", "API key limits updated.",
                        ApiKeyView.of(key, clock.instant(), lastUsed.unflushed(key.id))));
    }

    private void authorize(String authorization) {
        if (config.token().isEmpty()) {
            throw ApiException.notFound();
        }
        String presented = BearerToken.from(authorization).orElse(null);
        if (!Sha256.constantTimeEquals(config.token().get(), presented)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "A valid operator token is required.");
        }
    }

    private static LimitChange parse(ObjectNode body) {
        Violations violations = new Violations();
        Map<String, Integer> members = new LinkedHashMap<>();
        for (String member : MEMBERS) {
            if (!body.has(member)) {
                continue;
            }
            JsonNode value = body.get(member);
            if (value.isNull()) {
                members.put(member, null);
            } else if (value.isIntegralNumber() && value.canConvertToInt()
                    && value.intValue() >= 1 && value.intValue() <= MAX_LIMIT) {
                members.put(member, value.intValue());
            } else {
                violations.add(member, "must be null (default) or a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (members.isEmpty() && violations.isEmpty()) {
            violations.add("body", "name at least one of " + String.join(", ", MEMBERS));
        }
        violations.throwIfAny();
        return new LimitChange(members);
    }
}
