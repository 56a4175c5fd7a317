package com.envoyx.invoice.invoice.service;

import com.envoyx.invoice.invoice.entity.Invoice;
import com.envoyx.invoice.storage.LocalBlob;

/** An invoice and a readable local file holding its original bytes, to be released once sent. */
public record InvoiceFile(Invoice invoice, LocalBlob blob) {
}
