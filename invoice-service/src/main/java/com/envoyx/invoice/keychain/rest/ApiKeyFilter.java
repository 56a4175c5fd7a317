package com.envoyx.invoice.keychain.rest;

import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.keychain.service.DashboardTokens;
import com.envoyx.invoice.keychain.service.KeyChain;
import com.envoyx.invoice.platform.ContextAffinity;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The key chain's steps 3 to 5 in front of every route under /api/v1, after routing, when the
 * route's scope is known and before the body is read: key known (cache or auth-service), scope,
 * one rate-limit decision. Steps 1 and 2 ran in {@link KeyGate}, which left the parsed key, or
 * on the dashboard's routes a dashboard token, which is verified here instead (no key, so no key
 * rate limit: the dashboard is a person clicking, behind auth-service's session).
 */
class ApiKeyFilter {

    private final KeyChain chain;
    private final DashboardTokens dashboards;
    private final ErrorResponses errors;

    ApiKeyFilter(KeyChain chain, DashboardTokens dashboards, ErrorResponses errors) {
        this.chain = chain;
        this.dashboards = dashboards;
        this.errors = errors;
    }

    /** The client address is the peer's, or the forwarded one only where quarkus.http.proxy trusts it. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource, RoutingContext routing) {
        RequiresScope required = resource.getResourceMethod().getAnnotation(RequiresScope.class);
        String dashboard = routing.get(KeyGate.DASHBOARD_TOKEN);
        if (dashboard != null) {
            return dashboardSession(request, dashboard, required);
        }
        ParsedApiKey key = routing.get(KeyGate.PARSED_KEY);
        if (key == null) {
            if (!KeyGate.isApi(routing.normalizedPath())) {
                return Uni.createFrom().nullItem();
            }
            // Fail closed should an API request ever reach a route without passing the gate.
            try {
                key = KeyChain.parse(routing.request().headers().getAll(KeyGate.HEADER));
            } catch (ApiException e) {
                return Uni.createFrom().item(errors.toResponse(e));
            }
        }
        UUID requestId = UUID.randomUUID();
        boolean upload = required != null && required.upload();
        return ContextAffinity.stayOnCaller(chain.admit(key, ClientAddress.of(routing.request()),
                        required == null ? null : required.value(), upload, requestId))
                .map(admission -> {
                    request.setProperty(RateLimitOutcome.PROPERTY, admission.outcome());
                    if (!admission.allowed()) {
                        return errors.toResponse(KeyChain.rateLimitExceeded(admission.outcome().deciding().retryAfterSeconds()));
                    }
                    CurrentKey.set(request, admission.principal());
                    return (Response) null;
                })
                .onFailure(ApiException.class).recoverWithItem(errors::toResponse);
    }

    /**
     * KeyGate passed the token on only on a dashboard route; the route must also name its scope
     * (and not be an upload, which spends a key's budget), and the token must carry that scope.
     */
    private Uni<Response> dashboardSession(ContainerRequestContext request, String token, RequiresScope required) {
        if (required == null || required.upload()) {
            return Uni.createFrom().item(errors.toResponse(new ApiException(ErrorCode.MISSING_API_KEY)));
        }
        return ContextAffinity.stayOnCaller(dashboards.principal(token))
                .map(principal -> {
                    if (!principal.has(required.value())) {
                        return errors.toResponse(new ApiException(ErrorCode.INSUFFICIENT_SCOPE));
                    }
                    CurrentKey.set(request, principal);
                    return (Response) null;
                })
                .onFailure(ApiException.class).recoverWithItem(errors::toResponse);
    }
}
