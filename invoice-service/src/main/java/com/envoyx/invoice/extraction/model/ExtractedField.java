package com.envoyx.invoice.extraction.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One extracted field: its value as the API shows it (ISO dates, ISO 4217 codes, decimal strings
 * such as {@code "1234.50"}) or null when the document does not say, and how sure the rule that
 * found it is, from 0 to 1.
 */
public record ExtractedField(@JsonProperty("value") String value, @JsonProperty("confidence") double confidence) {

    public static final ExtractedField NOT_FOUND = new ExtractedField(null, 0.0);

    public boolean found() {
        return value != null;
    }
}
