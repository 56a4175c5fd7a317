package com.envoyx.invoice.invoice.rest;

import java.util.List;

/** One page of invoices, newest first. */
public record InvoiceListView(List<InvoiceView> invoices, long total, int page, int pageSize) {
}
