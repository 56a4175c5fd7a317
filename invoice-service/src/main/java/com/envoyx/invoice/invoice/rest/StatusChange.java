package com.envoyx.invoice.invoice.rest;

/** Body of PATCH /api/v1/invoices/{id}/status. */
public record StatusChange(String status) {
}
