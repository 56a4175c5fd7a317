package com.envoyx.invoice.invoice.service;

import java.nio.file.Path;

import com.envoyx.invoice.invoice.entity.Invoice;

/** An invoice and a readable local file holding its original bytes. */
public record InvoiceFile(Invoice invoice, Path path) {
}
