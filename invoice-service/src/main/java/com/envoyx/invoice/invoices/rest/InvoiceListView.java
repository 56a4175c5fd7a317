package com.envoyx.invoice.invoices.rest;

import java.util.List;

import com.envoyx.invoice.invoices.model.InvoiceView;

/** One page of invoices, newest first. */
public record InvoiceListView(List<InvoiceView> invoices, long total, int page, int pageSize) {
}
