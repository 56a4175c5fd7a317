package com.envoyx.invoice.webhooks.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.envoyx.contracts.apikey.Scope;
import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.keychain.rest.CurrentKey;
import com.envoyx.invoice.keychain.rest.RequiresScope;
import com.envoyx.invoice.webhooks.service.WebhookService;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The webhook endpoints API (issue 17). Every route needs the {@code webhooks:write} scope. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService webhooks;

    WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Response> create(JsonNode body, @Context ContainerRequestContext request) {
        return webhooks.create(account(request), EndpointRequest.create(body))
                .map(endpoint -> answer(201, "WEBHOOK_CREATED",
                        "Webhook endpoint created; store its secret now, it is not shown again",
                        WebhookView.withSecret(endpoint)));
    }

    @GET
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Envelope> list(@Context ContainerRequestContext request) {
        return webhooks.list(account(request)).map(endpoints -> Envelope.ok(200, "WEBHOOKS_FETCHED",
                "Webhook endpoints retrieved successfully", endpoints.stream().map(WebhookView::of).toList()));
    }

    @GET
    @Path("/{id}")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Envelope> get(@RestPath String id, @Context ContainerRequestContext request) {
        return webhooks.get(account(request), endpointId(id)).map(endpoint -> Envelope.ok(200, "WEBHOOK_FETCHED",
                "Webhook endpoint retrieved successfully", WebhookView.of(endpoint)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Envelope> update(@RestPath String id, JsonNode body, @Context ContainerRequestContext request) {
        UUID endpointId = endpointId(id);
        return webhooks.update(account(request), endpointId, EndpointRequest.update(body))
                .map(endpoint -> Envelope.ok(200, "WEBHOOK_UPDATED", "Webhook endpoint updated successfully",
                        WebhookView.of(endpoint)));
    }

    @DELETE
    @Path("/{id}")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Envelope> delete(@RestPath String id, @Context ContainerRequestContext request) {
        UUID endpointId = endpointId(id);
        return webhooks.delete(account(request), endpointId).replaceWith(Envelope.ok(200, "WEBHOOK_DELETED",
                "Webhook endpoint deleted successfully", Map.of("id", endpointId)));
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Envelope> rotateSecret(@RestPath String id, @Context ContainerRequestContext request) {
        return webhooks.rotateSecret(account(request), endpointId(id)).map(endpoint -> Envelope.ok(200,
                "WEBHOOK_SECRET_ROTATED", "New secret issued; the previous one keeps signing until "
                        + "previous_secret_expires_at. Store the new secret now, it is not shown again",
                WebhookView.withSecret(endpoint)));
    }

    @POST
    @Path("/{id}/test")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Response> test(@RestPath String id, @Context ContainerRequestContext request) {
        return webhooks.sendTest(account(request), endpointId(id)).map(queued -> answer(202, "WEBHOOK_TEST_QUEUED",
                "A webhook.test event is on its way to the endpoint", queued));
    }

    @GET
    @Path("/{id}/deliveries")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Envelope> deliveries(@RestPath String id, @Context ContainerRequestContext request) {
        return webhooks.attempts(account(request), endpointId(id)).map(attempts -> Envelope.ok(200,
                "WEBHOOK_DELIVERIES_FETCHED", "Delivery attempts retrieved successfully (newest first, at most 100)",
                attempts.stream().map(DeliveryAttemptView::of).toList()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Uni<Response> redeliver(@RestPath String id, @RestPath String deliveryId,
                                   @Context ContainerRequestContext request) {
        UUID delivery = uuid(deliveryId, "delivery id");
        return webhooks.redeliver(account(request), endpointId(id), delivery).replaceWith(answer(202,
                "WEBHOOK_REDELIVERY_QUEUED", "The delivery is attempted again with the same event id",
                Map.of("delivery_id", delivery)));
    }

    private static Response answer(int status, String code, String message, Object data) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Envelope.ok(status, code, message, data)).build();
    }

    private static UUID account(ContainerRequestContext request) {
        return CurrentKey.of(request).accountId();
    }

    private static UUID endpointId(String raw) {
        return uuid(raw, "webhook id");
    }

    private static UUID uuid(String raw, String what) {
        if (raw.length() == 36) {
            try {
                return UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                // Falls through to the same answer as a wrong length.
            }
        }
        throw ApiException.validation("The " + what + " must be a UUID.");
    }
}
