package com.envoyx.invoice.invoices.service;

import java.util.List;

import com.envoyx.invoice.invoices.model.Invoice;

public record InvoicePage(List<Invoice> invoices, long total, int page, int pageSize) {
}
