package com.envoyx.invoice.events.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.extraction.model.ExtractedField;
import com.envoyx.invoice.extraction.model.LineItem;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An invoice event as WebSocket clients receive it, and as it travels on Redis (serialised once
 * by the replica where the change happened, forwarded as is):
 * {@code {"event":"invoice.processed","data":{"id":"...","status":"PROCESSED","timestamp":"..."}}},
 * with {@code data.fields} and {@code data.line_items} for {@code invoice.extracted},
 * {@code data.validation} for {@code invoice.validated}, {@code data.error_message} for
 * {@code invoice.failed} and {@code invoice.flagged}, and {@code data.flags} for the latter.
 */
@JsonPropertyOrder({"event", "data"})
public record InvoiceEventMessage(String event, Data data) {

    public static InvoiceEventMessage of(InvoiceEvent event) {
        return new InvoiceEventMessage(event.type().wireName(),
                new Data(event.invoiceId(), event.status(), event.occurredAt(), event.errorMessage(),
                        event.extracted() == null ? null : event.extracted().fields(),
                        event.extracted() == null ? null : event.extracted().lineItems(),
                        event.validation(), event.flags()));
    }

    public String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an invoice event always serialises", e);
        }
    }

    @JsonPropertyOrder({"id", "status", "timestamp", "error_message", "fields", "line_items", "validation", "flags"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(UUID id, InvoiceStatus status, Instant timestamp, String errorMessage,
                       Map<String, ExtractedField> fields, List<LineItem> lineItems, List<CheckResult> validation,
                       List<String> flags) {
    }
}
