package com.envoyx.auth.dashboard.rest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of the Invoices list: its rows, the status it is filtered by (null for all), where it
 * stands, and the links to the neighbouring pages (null where there is none), which keep the filter.
 */
public record InvoicePage(List<InvoiceRow> rows, String status, int page, long pages, long total, String previous,
        String next) {

    static final int PAGE_SIZE = 20;

    static InvoicePage empty(String status) {
        return new InvoicePage(List.of(), status, 1, 1, 0, null, null);
    }

    static InvoicePage of(JsonNode data, String status, int page) {
        List<InvoiceRow> rows = new ArrayList<>();
        data.path("invoices").forEach(invoice -> rows.add(InvoiceRow.of(invoice)));
        long total = data.path("total").asLong(rows.size());
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        return new InvoicePage(rows, status, page, pages, total, page > 1 ? link(status, page - 1) : null,
                page < pages ? link(status, page + 1) : null);
    }

    static String link(String status, int page) {
        return "/settings/invoices?page=" + page + (status == null ? "" : "&status=" + status);
    }
}
