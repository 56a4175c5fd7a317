package com.envoyx.invoice.events.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.invoice.events.service.WebSocketTickets;
import com.envoyx.invoice.keychain.rest.RequiresScope;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/ws/ticket}: a single-use ticket for {@code /api/v1/ws?ticket=}, so the key
 * never has to be in a WebSocket URL. The key chain has admitted the key (and counted the request)
 * before this runs; the ticket needs {@code invoices:read}, as the socket does.
 */
@Path("/api/v1/ws/ticket")
@Produces(MediaType.APPLICATION_JSON)
public class WebSocketTicketResource {

    private final WebSocketTickets tickets;

    WebSocketTicketResource(WebSocketTickets tickets) {
        this.tickets = tickets;
    }

    @POST
    @RequiresScope(Scope.INVOICES_READ)
    public Uni<Response> issue(@HeaderParam("X-API-Key") String apiKey) {
        return tickets.issue(apiKey).map(issued -> Response.status(201)
                .entity(Envelope.ok(201, "WS_TICKET_ISSUED", "WebSocket ticket issued; it works once, until expires_at.",
                        new TicketView(issued.ticket(), issued.expiresAt().toString())))
                .build());
    }

    /** {@code expires_at} in ISO-8601 UTC, like every timestamp of the API. */
    public record TicketView(String ticket, String expiresAt) {
    }
}
