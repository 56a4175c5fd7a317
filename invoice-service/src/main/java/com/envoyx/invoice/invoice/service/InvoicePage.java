package com.envoyx.invoice.invoice.service;

import java.util.List;

import com.envoyx.invoice.invoice.entity.Invoice;

public record InvoicePage(List<Invoice> invoices, long total, int page, int pageSize) {
}
