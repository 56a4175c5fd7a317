package com.envoyx.invoice.processing.service;

import com.envoyx.invoice.invoices.model.ExtractedMetadata;

/** What reading one document gave: its metadata, or why it cannot be read, in words a customer can act on. */
sealed interface PdfAnalysis {

    record Readable(ExtractedMetadata metadata) implements PdfAnalysis {
    }

    record Unreadable(String message) implements PdfAnalysis {
    }
}
