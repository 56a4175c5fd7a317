package com.envoyx.invoice.keychain.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.keychain.service.KeyChain;
import com.envoyx.invoice.platform.ContextAffinity;
import com.envoyx.invoice.ratelimit.model.RateLimitOutcome;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The hot path in front of every route under /api/v1: key present, well-formed, known (cache or
 * auth-service), scope, one rate-limit decision. The body is read only after all of it passed.
 */
class ApiKeyFilter {

    static final String HEADER = "X-API-Key";
    private static final String API_PREFIX = "/api/v1";
    private static final String PARSED_KEY = ApiKeyFilter.class.getName() + ".key";

    private final KeyChain chain;
    private final ErrorResponses errors;

    ApiKeyFilter(KeyChain chain, ErrorResponses errors) {
        this.chain = chain;
        this.errors = errors;
    }

    /**
     * Steps 1 and 2, before routing: the seed's 401 and 403 win over any 404, 405 or 415 the
     * router would give, and cost no network call.
     */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    Optional<Response> checkFormat(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(API_PREFIX) && !path.startsWith(API_PREFIX + "/")) {
            return Optional.empty();
        }
        ParsedApiKey key;
        try {
            key = KeyChain.parse(request.getHeaders().get(HEADER));
        } catch (ApiException e) {
            return Optional.of(errors.toResponse(e));
        }
        request.setProperty(PARSED_KEY, key);
        return Optional.empty();
    }

    /**
     * Steps 3 to 5, after routing, when the route's scope is known; before the body is read. The
     * client address is the peer's, or the forwarded one only where quarkus.http.proxy trusts it.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (!(request.getProperty(PARSED_KEY) instanceof ParsedApiKey key)) {
            return Uni.createFrom().nullItem();
        }
        RequiresScope required = resource.getResourceMethod().getAnnotation(RequiresScope.class);
        UUID requestId = UUID.randomUUID();
        boolean upload = required != null && required.upload();
        return ContextAffinity.stayOnCaller(chain.admit(key, ClientAddress.of(http), required == null ? null : required.value(), upload, requestId))
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
}
