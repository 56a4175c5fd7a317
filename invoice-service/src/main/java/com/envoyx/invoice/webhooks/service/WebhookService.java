package com.envoyx.invoice.webhooks.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.webhooks.config.WebhookConfig;
import com.envoyx.invoice.webhooks.model.DeliveryAttempt;
import com.envoyx.invoice.webhooks.model.EndpointChange;
import com.envoyx.invoice.webhooks.model.WebhookEndpoint;
import com.envoyx.invoice.webhooks.model.WebhookEventTypes;
import com.envoyx.invoice.webhooks.model.WebhookSecret;
import com.envoyx.invoice.webhooks.repository.DeliveryQueue;
import com.envoyx.invoice.webhooks.repository.WebhookEndpointRepository;
import com.envoyx.invoice.webhooks.repository.WebhookEventStore;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Managing an account's webhook endpoints and their deliveries; another account's endpoint is not found. */
@ApplicationScoped
public class WebhookService {

    /** Endpoints per account: each one multiplies every event's deliveries. */
    public static final int MAX_ENDPOINTS = 20;
    private static final int DELIVERY_LOG_LIMIT = 100;

    private final WebhookEndpointRepository endpoints;
    private final WebhookEventStore events;
    private final DeliveryQueue deliveries;
    private final WebhookTargets targets;
    private final WebhookDispatcher dispatcher;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookService(WebhookEndpointRepository endpoints, WebhookEventStore events, DeliveryQueue deliveries,
                   WebhookTargets targets, WebhookDispatcher dispatcher, WebhookConfig config, Clock clock) {
        this.endpoints = endpoints;
        this.events = events;
        this.deliveries = deliveries;
        this.targets = targets;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
    }

    /** A new active endpoint; the caller shows its secret once. */
    public Uni<WebhookEndpoint> create(UUID accountId, EndpointChange change) {
        String url = change.url().orElseThrow(() -> ApiException.validation("url is required."));
        return targets.check(url).chain(() -> insert(accountId, url, change));
    }

    @WithTransaction
    Uni<WebhookEndpoint> insert(UUID accountId, String url, EndpointChange change) {
        return endpoints.countOwned(accountId).flatMap(count -> {
            if (count >= MAX_ENDPOINTS) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.CONFLICT,
                        "An account has at most " + MAX_ENDPOINTS + " webhook endpoints; delete one you no longer use."));
            }
            Instant now = now();
            WebhookEndpoint endpoint = new WebhookEndpoint();
            endpoint.id = UUID.randomUUID();
            endpoint.accountId = accountId;
            endpoint.url = url;
            endpoint.description = change.description().flatMap(d -> d).orElse(null);
            endpoint.setEvents(change.events().orElse(WebhookEventTypes.INVOICE));
            endpoint.status = WebhookEndpoint.ACTIVE;
            endpoint.secret = WebhookSecret.generate();
            endpoint.createdAt = now;
            endpoint.updatedAt = now;
            return endpoints.persist(endpoint);
        });
    }

    @WithSession
    public Uni<List<WebhookEndpoint>> list(UUID accountId) {
        return endpoints.listOwned(accountId);
    }

    @WithSession
    public Uni<WebhookEndpoint> get(UUID accountId, UUID id) {
        return endpoints.findOwned(accountId, id).onItem().ifNull().failWith(WebhookService::notFound);
    }

    public Uni<WebhookEndpoint> update(UUID accountId, UUID id, EndpointChange change) {
        Uni<Void> checked = change.url().isPresent() ? targets.check(change.url().get()) : Uni.createFrom().voidItem();
        return checked.chain(() -> applyChange(accountId, id, change));
    }

    @WithTransaction
    Uni<WebhookEndpoint> applyChange(UUID accountId, UUID id, EndpointChange change) {
        return owned(accountId, id).invoke(endpoint -> {
            change.url().ifPresent(url -> endpoint.url = url);
            change.events().ifPresent(endpoint::setEvents);
            change.description().ifPresent(description -> endpoint.description = description.orElse(null));
            change.status().ifPresent(status -> {
                endpoint.status = status;
                endpoint.disabledReason = status.equals(WebhookEndpoint.DISABLED) ? "Disabled through the API." : null;
                endpoint.failingSince = null;
            });
            endpoint.updatedAt = now();
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID accountId, UUID id) {
        return owned(accountId, id).call(endpoints::delete).replaceWithVoid();
    }

    /** A new secret; the old one keeps signing beside it for the grace period. */
    @WithTransaction
    public Uni<WebhookEndpoint> rotateSecret(UUID accountId, UUID id) {
        return owned(accountId, id).invoke(endpoint -> {
            Instant now = now();
            endpoint.previousSecret = endpoint.secret;
            endpoint.previousSecretExpiresAt = now.plus(config.secretGrace());
            endpoint.secret = WebhookSecret.generate();
            endpoint.updatedAt = now;
        });
    }

    /** Records a {@code webhook.test} event for this endpoint alone and wakes the dispatcher. */
    public Uni<Map<String, Object>> sendTest(UUID accountId, UUID id) {
        return recordTest(accountId, id).invoke(dispatcher::wake);
    }

    @WithTransaction
    Uni<Map<String, Object>> recordTest(UUID accountId, UUID id) {
        return owned(accountId, id).flatMap(endpoint -> events.appendTo(endpoint.id, WebhookEventTypes.TEST, accountId,
                Map.of("webhook_id", endpoint.id, "message", "A test event sent from the EnvoyX API."), now()));
    }

    /** The newest attempts to the endpoint, newest first. */
    public Uni<List<DeliveryAttempt>> attempts(UUID accountId, UUID id) {
        return get(accountId, id).chain(endpoint -> deliveries.attempts(accountId, endpoint.id, DELIVERY_LOG_LIMIT));
    }

    /** Makes a delivery of the endpoint due now, as a further attempt with the same event id. */
    public Uni<Void> redeliver(UUID accountId, UUID id, UUID deliveryId) {
        return get(accountId, id).chain(endpoint -> deliveries.redeliver(accountId, endpoint.id, deliveryId, now()))
                .invoke(result -> {
                    if (result.isEmpty()) {
                        throw new ApiException(ErrorCode.NOT_FOUND, "Delivery not found.");
                    }
                    if (!result.get()) {
                        throw new ApiException(ErrorCode.CONFLICT,
                                "An attempt of this delivery is in flight; ask again once it has finished.");
                    }
                })
                .invoke(dispatcher::wake)
                .replaceWithVoid();
    }

    private Uni<WebhookEndpoint> owned(UUID accountId, UUID id) {
        return endpoints.findOwnedForUpdate(accountId, id).onItem().ifNull().failWith(WebhookService::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Webhook endpoint not found.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
