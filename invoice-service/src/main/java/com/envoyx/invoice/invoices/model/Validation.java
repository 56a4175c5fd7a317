package com.envoyx.invoice.invoices.model;

import java.util.List;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The validation checks of one invoice as stored in {@code invoices.validation}:
 * {@code {"checks": [{check, passed, message}, ...]}}. An object rather than a bare array because
 * Hibernate Reactive reads a JSON column only as an object; the API shows the list alone.
 */
public record Validation(@JsonProperty("checks") List<CheckResult> checks) {

    @JsonCreator
    public Validation {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public static Validation of(List<CheckResult> checks) {
        return checks == null ? null : new Validation(checks);
    }
}
