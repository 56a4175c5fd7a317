package com.envoyx.invoice.invoices.service;

import com.envoyx.invoice.invoices.model.Invoice;
import com.envoyx.invoice.storage.model.LocalBlob;

/** An invoice and a readable local file holding its original bytes, to be released once sent. */
public record InvoiceFile(Invoice invoice, LocalBlob blob) {
}
