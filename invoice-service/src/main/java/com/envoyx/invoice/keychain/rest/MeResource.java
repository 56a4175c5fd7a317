package com.envoyx.invoice.keychain.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.ratelimit.config.RateLimitConfig;
import com.envoyx.invoice.ratelimit.model.Budget;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;

import io.smallrye.common.annotation.NonBlocking;

/** What the presented key is: the first call a customer makes to check a key. Needs no scope. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final RateLimitConfig defaults;

    MeResource(RateLimitConfig defaults) {
        this.defaults = defaults;
    }

    @GET
    // Reads only what the filter left on the request: stays on the event loop, no worker hop.
    @NonBlocking
    public Envelope me(@Context ContainerRequestContext request) {
        KeyPrincipal key = CurrentKey.of(request);
        RateLimitOutcome outcome = (RateLimitOutcome) request.getProperty(RateLimitOutcome.PROPERTY);
        return Envelope.ok(200, "API_KEY_RETRIEVED", "API key retrieved successfully", new KeyView(
                key.keyId(),
                key.accountId(),
                key.keyName(),
                key.keyHint(),
                key.environment().wireName(),
                key.scopes().stream().map(s -> s.wireName()).sorted().toList(),
                new LimitsView(
                        key.limits().requestsPerMinute().orElse(defaults.defaultRequestsPerMinute()),
                        key.limits().uploadsPerHour().orElse(defaults.defaultUploadsPerHour()),
                        key.limits().websocketConnections().orElse(defaults.defaultWebsocketConnections())),
                outcome.budgets().stream().map(BudgetView::of).toList()));
    }

    /** The key as its owner may see it; never the key itself. */
    public record KeyView(UUID keyId, UUID accountId, String name, String hint, String environment, List<String> scopes,
                          LimitsView limits, List<BudgetView> rateLimits) {
    }

    public record LimitsView(int requestsPerMinute, int uploadsPerHour, int websocketConnections) {
    }

    /** A budget after this very request was counted; {@code reset_at} in epoch seconds. */
    public record BudgetView(String policy, long limit, long windowSeconds, long remaining, long resetAt) {
        static BudgetView of(Budget budget) {
            return new BudgetView(budget.policy(), budget.limit(), budget.windowSeconds(), budget.remaining(),
                    budget.resetAt());
        }
    }
}
