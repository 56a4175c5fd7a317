package com.envoyx.invoice.invoices.rest;

import java.util.List;

/** One page of invoices, newest first. */
public record InvoiceListView(List<InvoiceView> invoices, long total, int page, int pageSize) {
}
