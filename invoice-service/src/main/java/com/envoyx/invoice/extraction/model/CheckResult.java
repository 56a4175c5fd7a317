package com.envoyx.invoice.extraction.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of one validation check, as {@code data.validation} lists it. */
public record CheckResult(
        @JsonProperty("check") String check,
        @JsonProperty("passed") boolean passed,
        @JsonProperty("message") String message) {

    public static final String REQUIRED_FIELDS = "required_fields";
    public static final String TOTALS_ADD_UP = "totals_add_up";
    public static final String LINE_ITEMS_SUM = "line_items_sum";
    public static final String DATES_CONSISTENT = "dates_consistent";
    public static final String NOT_DUPLICATE = "not_duplicate";
}
