package com.envoyx.invoice.extraction.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the extraction read from a document's text layer: every one of the twelve fields (null
 * value when not found) and the item table. A document without a text layer has the outcome
 * {@link #NO_TEXT_LAYER}, no values and no items: nothing was read, and the caller flags it.
 */
public record InvoiceExtraction(
        @JsonProperty("outcome") String outcome,
        @JsonProperty("fields") Map<String, ExtractedField> fields,
        @JsonProperty("line_items") List<LineItem> lineItems) {

    public static final String EXTRACTED = "extracted";
    public static final String NO_TEXT_LAYER = "no_text_layer";

    @JsonCreator
    public InvoiceExtraction {
        Map<String, ExtractedField> complete = new LinkedHashMap<>();
        for (InvoiceField field : InvoiceField.values()) {
            ExtractedField given = fields == null ? null : fields.get(field.jsonName());
            complete.put(field.jsonName(), given == null ? ExtractedField.NOT_FOUND : given);
        }
        fields = Collections.unmodifiableMap(complete);
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }

    public static InvoiceExtraction of(Map<InvoiceField, ExtractedField> fields, List<LineItem> lineItems) {
        Map<String, ExtractedField> named = new LinkedHashMap<>();
        fields.forEach((field, value) -> named.put(field.jsonName(), value));
        return new InvoiceExtraction(EXTRACTED, named, lineItems);
    }

    public static InvoiceExtraction noTextLayer() {
        return new InvoiceExtraction(NO_TEXT_LAYER, Map.of(), List.of());
    }

    public ExtractedField field(InvoiceField field) {
        return fields.get(field.jsonName());
    }

    /** The value of a field, null when not found. */
    public String value(InvoiceField field) {
        return field(field).value();
    }

    @JsonIgnore
    public boolean hasTextLayer() {
        return !NO_TEXT_LAYER.equals(outcome);
    }
}
