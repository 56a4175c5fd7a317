package com.envoyx.invoice.extraction.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One row of an invoice's item table; numbers are decimal strings, null when the row has no such cell. */
public record LineItem(
        @JsonProperty("description") String description,
        @JsonProperty("quantity") String quantity,
        @JsonProperty("unit_price") String unitPrice,
        @JsonProperty("amount") String amount) {
}
