package com.envoyx.invoice.processing.service;

import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.invoices.model.ExtractedMetadata;

/**
 * What reading one document gave: its metadata and the invoice read from its text layer
 * ({@link InvoiceExtraction#noTextLayer()} for a scan), or why it cannot be read, in words a
 * customer can act on.
 */
sealed interface PdfAnalysis {

    record Readable(ExtractedMetadata metadata, InvoiceExtraction extraction) implements PdfAnalysis {
    }

    record Unreadable(String message) implements PdfAnalysis {
    }
}
