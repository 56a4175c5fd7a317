package com.envoyx.auth.apikey.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
import com.envoyx.auth.apikey.model.ApiKey;
import com.envoyx.auth.apikey.service.ApiKeyService;
import com.envoyx.auth.apikey.service.LastUsedRecorder;
import com.envoyx.auth.apikey.service.UsageService;
import com.envoyx.auth.error.Violations;
import com.envoyx.contracts.envelope.Envelope;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.smallrye.mutiny.Uni;

/** The dashboard's key API; every id is looked up within the caller's account (else 404). */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@SessionRequired
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final UsageService usage;
    private final LastUsedRecorder lastUsed;
    private final CurrentUser currentUser;
    private final Clock clock;

    ApiKeyResource(ApiKeyService keys, UsageService usage, LastUsedRecorder lastUsed, CurrentUser currentUser,
            Clock clock) {
        this.keys = keys;
        this.usage = usage;
        this.lastUsed = lastUsed;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** A new key: the plaintext beside the listing fields, in this response only. */
    public record CreatedKeyView(String key, @JsonUnwrapped ApiKeyView apiKey) {
    }

    /** A rotation: the successor (with its plaintext) and the predecessor as it now stands. */
    public record RotatedKeyView(String key, @JsonUnwrapped ApiKeyView apiKey, ApiKeyView previousKey) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Envelope>> create(CreateApiKeyRequest body) {
        Instant now = clock.instant();
        return keys.create(currentUser.get(), Violations.requireBody(body).validate(now))
                .map(issued -> RestResponse.status(RestResponse.Status.CREATED, Envelope.ok(201, "API_KEY_CREATED",
                        "API key created. Copy it now: it will not be shown again.",
                        new CreatedKeyView(issued.plaintext(), view(issued.key())))));
    }

    @GET
    public Uni<Envelope> list() {
        return keys.list(currentUser.get())
                .map(found -> Envelope.ok(200, "API_KEYS_LISTED", "API keys.",
                        Map.of("items", found.stream().map(this::view).toList())));
    }

    @GET
    @Path("/{id}")
    public Uni<Envelope> get(@PathParam("id") UUID id) {
        return keys.get(currentUser.get(), id)
                .map(key -> Envelope.ok(200, "API_KEY_RETRIEVED", "API key.", view(key)));
    }

    @POST
    @Path("/{id}/revoke")
    public Uni<Envelope> revoke(@PathParam("id") UUID id) {
        return keys.revoke(currentUser.get(), id)
                .map(key -> Envelope.ok(200, "API_KEY_REVOKED", "API key revoked.", view(key)));
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Envelope>> rotate(@PathParam("id") UUID id, RotateApiKeyRequest body) {
        return keys.rotate(currentUser.get(), id, RotateApiKeyRequest.graceOf(body))
                .map(rotation -> RestResponse.status(RestResponse.Status.CREATED, Envelope.ok(201, "API_KEY_ROTATED",
                        "API key rotated. Copy the new key now: it will not be shown again.",
                        new RotatedKeyView(rotation.successor().plaintext(), view(rotation.successor().key()),
                                view(rotation.predecessor())))));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Envelope> delete(@PathParam("id") UUID id) {
        return keys.delete(currentUser.get(), id)
                .map(key -> Envelope.ok(200, "API_KEY_DELETED", "API key deleted.", Map.of("id", key.id)));
    }

    @GET
    @Path("/{id}/usage")
    public Uni<Envelope> usage(@PathParam("id") UUID id) {
        return keys.get(currentUser.get(), id)
                .chain(usage::of)
                .map(report -> Envelope.ok(200, "API_KEY_USAGE", report.usageAvailable()
                        ? "API key usage."
                        : "Usage statistics are unavailable right now; last_used_at is what auth-service knows.",
                        report));
    }

    private ApiKeyView view(ApiKey key) {
        return ApiKeyView.of(key, clock.instant(), lastUsed.unflushed(key.id));
    }
}
