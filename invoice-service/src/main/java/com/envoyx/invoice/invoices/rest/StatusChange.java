package com.envoyx.invoice.invoices.rest;

/** Body of PATCH /api/v1/invoices/{id}/status. */
public record StatusChange(String status) {
}
