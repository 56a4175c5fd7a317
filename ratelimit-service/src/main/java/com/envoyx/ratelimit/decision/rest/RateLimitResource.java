package com.envoyx.ratelimit.decision.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.ratelimit.decision.model.LimitName;
import com.envoyx.ratelimit.decision.rest.RestViews.CheckBody;
import com.envoyx.ratelimit.decision.rest.RestViews.CheckView;
import com.envoyx.ratelimit.decision.rest.RestViews.LeaseBody;
import com.envoyx.ratelimit.decision.rest.RestViews.LeaseView;
import com.envoyx.ratelimit.decision.rest.RestViews.RefundBody;
import com.envoyx.ratelimit.decision.rest.RestViews.RefundView;
import com.envoyx.ratelimit.decision.service.RateLimitService;
import com.envoyx.ratelimit.error.RateLimitException;
import com.envoyx.ratelimit.token.model.Caller;
import com.envoyx.ratelimit.token.service.TokenVerifier;

import io.smallrye.mutiny.Uni;

/**
 * The REST mirror of the gRPC API for operators and tooling, on the HTTP port. Every call
 * carries the internal token as {@code Authorization: Bearer <jwt>}.
 */
@Path("/api/v1/ratelimit")
@Tag(name = "Rate limits", description = "REST mirror of the internal gRPC API; Authorization: Bearer <internal JWT>")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RateLimitResource {

    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokens;
    private final RateLimitService service;

    RateLimitResource(TokenVerifier tokens, RateLimitService service) {
        this.tokens = tokens;
        this.service = service;
    }

    @POST
    @Path("/check")
    @Operation(summary = "Check and charge rolling limits, all or none (429 when refused, 503 when a closed limit cannot be checked)")
    public Uni<Response> check(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CheckBody body) {
        CheckBody request = body == null ? new CheckBody(null, null, null) : body;
        return as(authorization, caller -> service
                .check(caller, limits(request.limits()), request.cost() == null ? 1 : request.cost(), request.requestId())
                .map(result -> {
                    CheckView view = CheckView.of(result);
                    if (result.allowed()) {
                        return ok(200, "REQUEST_ALLOWED", "The request fits every limit and was charged.", view);
                    }
                    throw refused(view.retryAfter(), view);
                }));
    }

    @POST
    @Path("/leases")
    @Operation(summary = "Acquire a WebSocket connection lease (429 when the key holds its limit)")
    public Uni<Response> acquire(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, LeaseBody body) {
        LeaseBody request = body == null ? new LeaseBody(null, null) : body;
        return as(authorization, caller -> service.acquire(caller, leaseLimit(request.limit()), request.leaseId())
                .map(result -> {
                    LeaseView view = LeaseView.of(result);
                    if (result.granted()) {
                        return ok(201, "LEASE_GRANTED", "The lease was granted.", view);
                    }
                    throw refused(view.retryAfter(), view);
                }));
    }

    @POST
    @Path("/leases/{lease_id}/renew")
    @Operation(summary = "Renew a held lease by one TTL (404 when it expired or was never granted)")
    public Uni<Response> renew(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("lease_id") String leaseId) {
        return as(authorization, caller -> service.renew(caller, LimitName.WEBSOCKET_CONNECTIONS, leaseId)
                .map(result -> {
                    if (result.granted()) {
                        return ok(200, "LEASE_RENEWED", "The lease was renewed.", LeaseView.of(result));
                    }
                    throw new RateLimitException(ErrorCode.NOT_FOUND,
                            "The lease expired or was never granted; acquire a new one.", 0, LeaseView.of(result));
                }));
    }

    @DELETE
    @Path("/leases/{lease_id}")
    @Operation(summary = "Release a lease")
    public Uni<Response> release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("lease_id") String leaseId) {
        return as(authorization, caller -> service.release(caller, LimitName.WEBSOCKET_CONNECTIONS, leaseId)
                .map(result -> ok(200, "LEASE_RELEASED",
                        result.released() ? "The lease was released." : "The lease was not held.", result)));
    }

    @POST
    @Path("/refunds")
    @Operation(summary = "Return an earlier charge by its request id (idempotent)")
    public Uni<Response> refund(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RefundBody body) {
        String requestId = body == null ? null : body.requestId();
        long chargedAtUs = body == null || body.chargedAtUs() == null ? 0 : body.chargedAtUs();
        return as(authorization, caller -> service.refund(caller, requestId, chargedAtUs, List.of())
                .map(refunded -> ok(200, refunded ? "CHARGE_REFUNDED" : "NOTHING_TO_REFUND",
                        refunded ? "The charge was returned." : "No charge with this request id is held.",
                        new RefundView(requestId, refunded))));
    }

    @GET
    @Path("/usage")
    @Operation(summary = "Usage of the token's own key: 24 hourly and 30 daily buckets")
    public Uni<Response> ownUsage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return usage(authorization, null);
    }

    @GET
    @Path("/usage/{key_id}")
    @Operation(summary = "Usage of a key: its own token, or a service token of auth-service")
    public Uni<Response> usage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key_id") String keyId) {
        return as(authorization, caller -> service.usage(caller, keyId)
                .map(report -> ok(200, "USAGE", "Usage of the last 24 hours and 30 days.", report)));
    }

    private Uni<Response> as(String authorization, Function<Caller, Uni<? extends Response>> call) {
        String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : null;
        return tokens.verify(token).flatMap(call::apply);
    }

    private static List<LimitName> limits(List<String> names) {
        List<LimitName> limits = new ArrayList<>();
        if (names != null) {
            for (String name : names) {
                limits.add(known(name));
            }
        }
        return limits;
    }

    private static LimitName leaseLimit(String name) {
        return name == null || name.isBlank() ? LimitName.WEBSOCKET_CONNECTIONS : known(name);
    }

    private static LimitName known(String name) {
        LimitName limit = LimitName.fromJson(name);
        if (limit == null) {
            throw new RateLimitException(ErrorCode.VALIDATION_ERROR,
                    "Unknown limit '" + name + "'; use general_requests, invoice_uploads or websocket_connections.");
        }
        return limit;
    }

    private static Response ok(int status, String code, String message, Object data) {
        return Response.status(status).entity(Envelope.ok(status, code, message, data)).build();
    }

    /** A full limit is an error answer, written like every other by the error package's one writer. */
    private static RateLimitException refused(long retryAfter, Object data) {
        return new RateLimitException(ErrorCode.RATE_LIMIT_EXCEEDED, ErrorCode.RATE_LIMIT_EXCEEDED.message(), retryAfter, data);
    }
}
