package com.envoyx.invoice.ops.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.envoyx.contracts.envelope.Envelope;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The cheapest REST route of the service, outside /api/v1 and so without a key: a reachability
 * check for clients and load balancers, and the baseline the hot-path benchmark compares against.
 */
@Path("/ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    private static final Envelope PONG = Envelope.ok(200, "PONG", "pong", null);

    @GET
    @NonBlocking
    public Envelope ping() {
        return PONG;
    }
}
