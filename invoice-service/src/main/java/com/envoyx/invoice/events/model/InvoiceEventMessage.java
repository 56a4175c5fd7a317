package com.envoyx.invoice.events.model;

import java.time.Instant;
import java.util.UUID;

import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An invoice event as WebSocket clients receive it, and as it travels on Redis (serialised once
 * by the replica where the change happened, forwarded as is):
 * {@code {"event":"invoice.processed","data":{"id":"...","status":"PROCESSED","timestamp":"..."}}},
 * with {@code data.error_message} for {@code invoice.failed}.
 */
@JsonPropertyOrder({"event", "data"})
public record InvoiceEventMessage(String event, Data data) {

    public static InvoiceEventMessage of(InvoiceEvent event) {
        return new InvoiceEventMessage(event.type().wireName(),
                new Data(event.invoiceId(), event.status(), event.occurredAt(), event.errorMessage()));
    }

    public String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an invoice event always serialises", e);
        }
    }

    @JsonPropertyOrder({"id", "status", "timestamp", "error_message"})
    public record Data(UUID id, InvoiceStatus status, Instant timestamp,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage) {
    }
}
