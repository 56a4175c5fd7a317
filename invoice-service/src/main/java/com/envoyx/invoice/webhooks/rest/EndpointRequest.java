package com.envoyx.invoice.webhooks.rest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.webhooks.model.EndpointChange;
import com.envoyx.invoice.webhooks.model.WebhookEndpoint;
import com.envoyx.invoice.webhooks.model.WebhookEventTypes;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a create or update body field by field, so each wrong field gets a sentence naming it
 * rather than a generic parse error. Fields: {@code url}, {@code events}, {@code description}, and
 * on update {@code status}.
 */
final class EndpointRequest {

    private static final int MAX_DESCRIPTION = 500;
    private static final Set<String> CREATE_FIELDS = Set.of("url", "events", "description");
    private static final Set<String> UPDATE_FIELDS = Set.of("url", "events", "description", "status");

    private EndpointRequest() {
    }

    static EndpointChange create(JsonNode body) {
        EndpointChange change = read(body, CREATE_FIELDS);
        if (change.url().isEmpty()) {
            throw ApiException.validation("url is required: the https URL that receives the events.");
        }
        return change;
    }

    static EndpointChange update(JsonNode body) {
        EndpointChange change = read(body, UPDATE_FIELDS);
        if (change.url().isEmpty() && change.events().isEmpty() && change.description().isEmpty()
                && change.status().isEmpty()) {
            throw ApiException.validation("Send at least one of url, events, description, status.");
        }
        return change;
    }

    private static EndpointChange read(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("The body must be a JSON object with " + String.join(", ", sorted(allowed)) + ".");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.validation("Unknown field '" + name + "'; allowed: " + String.join(", ", sorted(allowed)) + ".");
            }
        }
        return new EndpointChange(url(body.get("url")), events(body.get("events")), description(body.get("description")),
                status(body.get("status")));
    }

    private static Optional<String> url(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw ApiException.validation("url must be a non-empty string.");
        }
        return Optional.of(node.textValue().trim());
    }

    private static Optional<List<String>> events(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.validation("events must be a non-empty array of event types, e.g. [\"invoice.processed\"].");
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !WebhookEventTypes.known(item.textValue())) {
                throw ApiException.validation("Unknown event type " + item + "; use any of "
                        + String.join(", ", WebhookEventTypes.INVOICE) + ", " + WebhookEventTypes.TEST + ".");
            }
            types.add(item.textValue());
        }
        return Optional.of(List.copyOf(types));
    }

    /** Absent: unchanged; null or "": no description. */
    private static Optional<Optional<String>> description(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!node.isTextual()) {
            throw ApiException.validation("description must be a string.");
        }
        String text = node.textValue().trim();
        if (text.length() > MAX_DESCRIPTION) {
            throw ApiException.validation("description is longer than " + MAX_DESCRIPTION + " characters.");
        }
        return Optional.of(text.isEmpty() ? Optional.empty() : Optional.of(text));
    }

    private static Optional<String> status(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || !(node.textValue().equals(WebhookEndpoint.ACTIVE)
                || node.textValue().equals(WebhookEndpoint.DISABLED))) {
            throw ApiException.validation("status must be \"active\" or \"disabled\".");
        }
        return Optional.of(node.textValue());
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }
}
