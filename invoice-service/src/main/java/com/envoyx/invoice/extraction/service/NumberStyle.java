package com.envoyx.invoice.extraction.service;

/** How a document writes numbers: {@code 1,234.56} (US, UK, Swiss with apostrophes) or {@code 1.234,56} (most of Europe). */
public enum NumberStyle {
    DOT_DECIMAL,
    COMMA_DECIMAL
}
