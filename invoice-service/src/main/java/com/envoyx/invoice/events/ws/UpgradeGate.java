package com.envoyx.invoice.events.ws;

import com.envoyx.invoice.events.service.SocketAdmission;
import com.envoyx.invoice.events.service.SocketRegistry;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.service.KeyChain;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.ratelimit.client.ConnectionLeases;
import com.envoyx.invoice.platform.ContextAffinity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The key chain in front of the WebSocket upgrade of {@value #PATH}, as a route that runs before
 * the WebSocket endpoint's: websockets-next can refuse an upgrade only with a bare status, while
 * a refused upgrade here answers exactly like any HTTP request (the seed's 401/403/429 bodies).
 * Key from {@code X-API-Key}, else from the {@code api_key} query parameter (browsers cannot set
 * headers on a WebSocket). An upgrade needs {@code invoices:read} (events describe invoices),
 * counts as one general API request, and takes one of the key's connection leases.
 * What it admitted reaches the endpoint through the request's Vert.x context and
 * {@link AdmissionHandOff}. Once the replica began to stop, upgrades are refused with 503
 * {@code SERVICE_UNAVAILABLE} (the client tries again and reaches another replica), before any
 * key check. Nothing here logs the query string: it may hold the key.
 */
@ApplicationScoped
class UpgradeGate {

    static final String PATH = "/api/v1/ws";
    static final String QUERY_KEY = "api_key";
    static final String ADMISSION = UpgradeGate.class.getName() + ".admission";
    private static final String HEADER = "X-API-Key";
    private static final int ORDER = -10;
    private static final Logger LOG = Logger.getLogger(UpgradeGate.class);

    private final KeyChain chain;
    private final ConnectionLeases leases;
    private final ObjectMapper json;
    private final SocketRegistry sockets;

    UpgradeGate(KeyChain chain, ConnectionLeases leases, ObjectMapper json, SocketRegistry sockets) {
        this.chain = chain;
        this.leases = leases;
        this.json = json;
        this.sockets = sockets;
    }

    void install(@Observes Router router) {
        // Routes without an explicit order (the WebSocket endpoint's too) are numbered from 0 up:
        // a negative order runs before them, as a route filter would.
        router.route(PATH).order(ORDER).handler(this::admit);
    }

    void admit(RoutingContext request) {
        if (!request.request().headers().contains("Sec-WebSocket-Key")) {
            // Not an upgrade: the REST key chain answers it like any other path under /api/v1.
            request.next();
            return;
        }
        if (sockets.draining()) {
            refuse(request, stopping());
            return;
        }
        ParsedApiKey key;
        try {
            key = KeyChain.parse(presentedKey(request));
        } catch (ApiException e) {
            refuse(request, e);
            return;
        }
        ContextAffinity.stayOnCaller(chain.admit(key, KeyChain.clientAddress(request.request()), Scope.INVOICES_READ, false,
                        UUID.randomUUID())
                        .flatMap(admission -> admission.allowed()
                                ? lease(key, admission.principal())
                                : Uni.createFrom().failure(KeyChain.rateLimitExceeded(
                                        admission.outcome().deciding().retryAfterSeconds()))))
                .subscribe().with(admitted -> pass(request, admitted), failure -> refuse(request, failure));
    }

    /** The header wins; the query parameter is for clients that cannot set headers. */
    private static List<String> presentedKey(RoutingContext request) {
        List<String> headers = request.request().headers().getAll(HEADER);
        return headers.isEmpty() ? request.queryParam(QUERY_KEY) : headers;
    }

    private Uni<SocketAdmission> lease(ParsedApiKey key, KeyPrincipal principal) {
        String leaseId = UUID.randomUUID().toString();
        return leases.acquire(principal.token(), leaseId)
                .onFailure().invoke(e -> {
                    LOG.warnf("Connection lease for %s failed: %s", principal, e.getMessage());
                    // The grant may have been lost to a deadline after ratelimit-service counted it.
                    release(principal, leaseId);
                })
                .onFailure().transform(e -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE))
                .flatMap(lease -> lease.granted()
                        ? Uni.createFrom().item(new SocketAdmission(key, principal, leaseId, null))
                        : Uni.createFrom().failure(KeyChain.rateLimitExceeded(lease.retryAfterSeconds())));
    }

    private void pass(RoutingContext request, SocketAdmission admitted) {
        if (request.response().closed()) {
            release(admitted.principal(), admitted.leaseId());
            return;
        }
        if (sockets.draining()) {
            release(admitted.principal(), admitted.leaseId());
            refuse(request, stopping());
            return;
        }
        ContextLocals.put(ADMISSION, admitted);
        request.next();
    }

    private static ApiException stopping() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE);
    }

    private void release(KeyPrincipal principal, String leaseId) {
        leases.release(principal.token(), leaseId).subscribe().with(
                released -> LOG.debugf("Lease %s released: %s", leaseId, released),
                e -> LOG.debugf("Lease %s left to expire: %s", leaseId, e.getMessage()));
    }

    private void refuse(RoutingContext request, Throwable failure) {
        ApiException refusal;
        if (failure instanceof ApiException api) {
            refusal = api;
        } else {
            LOG.error("Unexpected failure while admitting a WebSocket upgrade", failure);
            refusal = new ApiException(ErrorCode.INTERNAL_ERROR);
        }
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(refusal.code().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
        refusal.headers().forEach(response::putHeader);
        response.end(body(refusal));
    }

    private String body(ApiException refusal) {
        try {
            return json.writeValueAsString(Envelope.error(refusal.code(), refusal.getMessage(), refusal.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope always serialises", e);
        }
    }
}
