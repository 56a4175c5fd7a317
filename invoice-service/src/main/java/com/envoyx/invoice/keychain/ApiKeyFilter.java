package com.envoyx.invoice.keychain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.envoyx.contracts.apikey.ApiKeyFormat;
import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.ratelimit.RateLimitOutcome;
import com.envoyx.invoice.ratelimit.RequestLimiter;
import com.envoyx.invoice.vertx.ContextAffinity;

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
    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final ThrottledKeyResolver credentials;
    private final RequestLimiter limiter;
    private final CurrentKey currentKey;

    ApiKeyFilter(ThrottledKeyResolver credentials, RequestLimiter limiter, CurrentKey currentKey) {
        this.credentials = credentials;
        this.limiter = limiter;
        this.currentKey = currentKey;
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
        List<String> presented = request.getHeaders().get(HEADER);
        if (presented == null || presented.isEmpty() || presented.get(0).isBlank()) {
            return Optional.of(ErrorResponses.of(ErrorCode.MISSING_API_KEY));
        }
        if (presented.size() > 1) {
            return Optional.of(ErrorResponses.of(ErrorCode.VALIDATION_ERROR, "Send exactly one X-API-Key header."));
        }
        Optional<ParsedApiKey> key = ApiKeyFormat.parse(presented.get(0));
        if (key.isEmpty()) {
            return Optional.of(ErrorResponses.of(ErrorCode.INVALID_API_KEY));
        }
        request.setProperty(PARSED_KEY, key.get());
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
        String clientAddress = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return ContextAffinity.stayOnCaller(credentials.resolve(key, clientAddress)
                .flatMap(principal -> authorize(request, principal, required, requestId)))
                .onFailure(ApiException.class).recoverWithItem(ErrorResponses::of)
                .onFailure(AuthUnavailableException.class).recoverWithItem(e -> {
                    LOG.warnf("Key exchange failed: %s", rootMessage(e));
                    return ErrorResponses.of(ErrorCode.SERVICE_UNAVAILABLE);
                });
    }

    private Uni<Response> authorize(ContainerRequestContext request, KeyPrincipal principal, RequiresScope required,
                                    UUID requestId) {
        if (required != null && !principal.has(required.value())) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.INSUFFICIENT_SCOPE,
                    "This API key lacks the " + required.value().wireName() + " scope."));
        }
        boolean upload = required != null && required.upload();
        return limiter.check(principal, upload, requestId).map(outcome -> {
            request.setProperty(RateLimitOutcome.PROPERTY, outcome);
            if (!outcome.allowed()) {
                long retryAfter = Math.max(1, outcome.deciding().retryAfterSeconds());
                return ErrorResponses.of(new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED,
                        ErrorCode.RATE_LIMIT_EXCEEDED.message(), Map.of("retry_after", retryAfter),
                        Map.of("Retry-After", Long.toString(retryAfter))));
            }
            currentKey.set(principal, requestId);
            return null;
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
