package com.envoyx.invoice.events.ws;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.envoyx.contracts.apikey.ParsedApiKey;
import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.events.service.SocketAdmission;
import com.envoyx.invoice.events.service.SocketRegistry;
import com.envoyx.invoice.events.service.WebSocketTickets;
import com.envoyx.invoice.keychain.rest.ClientAddress;
import com.envoyx.invoice.keychain.service.KeyChain;
import com.envoyx.invoice.platform.ContextAffinity;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The key chain in front of the WebSocket upgrade of {@value #PATH}, as a route that runs before
 * the WebSocket endpoint's: websockets-next can refuse an upgrade only with a bare status, while
 * a refused upgrade here answers exactly like any HTTP request (the seed's 401/403/429 bodies).
 * Key from {@code X-API-Key}, else from the {@code api_key} query parameter (browsers cannot set
 * headers on a WebSocket), or redeemed from a single-use {@code ticket} query parameter
 * ({@link WebSocketTickets}; a ticket sent with a different key in the header is refused, and is
 * spent all the same). From there a ticket's key takes exactly the path of a presented key. An upgrade needs {@code invoices:read} (events describe invoices),
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
    static final String QUERY_TICKET = "ticket";
    static final String ADMISSION = UpgradeGate.class.getName() + ".admission";
    private static final String HEADER = "X-API-Key";
    private static final int ORDER = -10;
    private static final Logger LOG = Logger.getLogger(UpgradeGate.class);

    private final KeyChain chain;
    private final ErrorResponses errors;
    private final SocketRegistry sockets;
    private final WebSocketTickets tickets;

    UpgradeGate(KeyChain chain, ErrorResponses errors, SocketRegistry sockets, WebSocketTickets tickets) {
        this.chain = chain;
        this.errors = errors;
        this.sockets = sockets;
        this.tickets = tickets;
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
        List<String> ticket = request.queryParam(QUERY_TICKET);
        if (ticket.isEmpty()) {
            admit(request, presentedKey(request));
            return;
        }
        if (ticket.size() > 1) {
            refuse(request, new ApiException(ErrorCode.INVALID_WS_TICKET));
            return;
        }
        List<String> header = request.request().headers().getAll(HEADER);
        ContextAffinity.stayOnCaller(tickets.redeem(ticket.get(0))).subscribe().with(redeemed -> {
            if (redeemed.isEmpty() || !(header.isEmpty() || header.equals(List.of(redeemed.get())))) {
                refuse(request, new ApiException(ErrorCode.INVALID_WS_TICKET));
            } else {
                admit(request, List.of(redeemed.get()));
            }
        }, failure -> refuse(request, failure));
    }

    private void admit(RoutingContext request, List<String> presented) {
        ParsedApiKey key;
        try {
            key = KeyChain.parse(presented);
        } catch (ApiException e) {
            refuse(request, e);
            return;
        }
        ContextAffinity.stayOnCaller(chain.admit(key, ClientAddress.of(request.request()), Scope.INVOICES_READ, false,
                        UUID.randomUUID())
                        .flatMap(admission -> admission.allowed()
                                ? sockets.lease(key, admission.principal())
                                : Uni.createFrom().failure(KeyChain.rateLimitExceeded(
                                        admission.outcome().deciding().retryAfterSeconds()))))
                .subscribe().with(admitted -> pass(request, admitted), failure -> refuse(request, failure));
    }

    /** The header wins; the query parameter is for clients that cannot set headers. */
    private static List<String> presentedKey(RoutingContext request) {
        List<String> headers = request.request().headers().getAll(HEADER);
        return headers.isEmpty() ? request.queryParam(QUERY_KEY) : headers;
    }

    private void pass(RoutingContext request, SocketAdmission admitted) {
        if (request.response().closed()) {
            sockets.release(admitted.principal(), admitted.leaseId());
            return;
        }
        if (sockets.draining()) {
            sockets.release(admitted.principal(), admitted.leaseId());
            refuse(request, stopping());
            return;
        }
        ContextLocals.put(ADMISSION, admitted);
        request.next();
    }

    private static ApiException stopping() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE);
    }

    private void refuse(RoutingContext request, Throwable failure) {
        errors.write(request.response(), failure);
    }
}
