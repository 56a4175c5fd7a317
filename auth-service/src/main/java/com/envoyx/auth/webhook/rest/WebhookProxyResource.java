package com.envoyx.auth.webhook.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.envoyx.auth.account.rest.CurrentUser;
import com.envoyx.auth.account.rest.SessionRequired;
import com.envoyx.auth.webhook.model.InvoiceAnswer;
import com.envoyx.auth.webhook.service.DashboardWebhooks;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The dashboard's webhooks API: the session (and for changes its CSRF token, checked by the
 * session filter) stands for the account, and each route forwards to the same route of
 * invoice-service's webhooks API, whose envelope comes back unchanged. Ids are UUIDs (else 404
 * here), so no path reaches anything but a webhooks route.
 */
@Path("/api/v1/dashboard/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@SessionRequired
public class WebhookProxyResource {

    private final DashboardWebhooks webhooks;
    private final CurrentUser currentUser;

    WebhookProxyResource(DashboardWebhooks webhooks, CurrentUser currentUser) {
        this.webhooks = webhooks;
        this.currentUser = currentUser;
    }

    @GET
    public Uni<RestResponse<String>> list() {
        return forward(HttpMethod.GET, "", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<String>> create(JsonNode body) {
        return forward(HttpMethod.POST, "", body == null ? null : body.toString());
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<String>> delete(@PathParam("id") UUID id) {
        return forward(HttpMethod.DELETE, "/" + id, null);
    }

    @POST
    @Path("/{id}/rotate-secret")
    public Uni<RestResponse<String>> rotateSecret(@PathParam("id") UUID id) {
        return forward(HttpMethod.POST, "/" + id + "/rotate-secret", null);
    }

    @POST
    @Path("/{id}/test")
    public Uni<RestResponse<String>> test(@PathParam("id") UUID id) {
        return forward(HttpMethod.POST, "/" + id + "/test", null);
    }

    @GET
    @Path("/{id}/deliveries")
    public Uni<RestResponse<String>> deliveries(@PathParam("id") UUID id) {
        return forward(HttpMethod.GET, "/" + id + "/deliveries", null);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    public Uni<RestResponse<String>> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return forward(HttpMethod.POST, "/" + id + "/deliveries/" + deliveryId + "/redeliver", null);
    }

    private Uni<RestResponse<String>> forward(HttpMethod method, String path, String body) {
        return webhooks.call(currentUser.get(), method, path, body).map(WebhookProxyResource::relay);
    }

    private static RestResponse<String> relay(InvoiceAnswer answer) {
        return RestResponse.ResponseBuilder.<String>create(answer.status()).entity(answer.body())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }
}
