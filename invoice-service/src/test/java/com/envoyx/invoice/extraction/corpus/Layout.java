package com.envoyx.invoice.extraction.corpus;

/** The corpus's page designs and who prints each: PDFBox drawing, or Chromium printing HTML. */
public enum Layout {
    /** Letterhead vendor, "Label: value" lines on the right, a Bill To block, a table without rules. */
    LETTERHEAD_LABELS(Producer.PDFBOX),
    /** From and Bill To side by side, labels and values in two columns, a ruled table. */
    RULED_TWO_PARTIES(Producer.PDFBOX),
    /** Labels above their values in one band, a table without rules. */
    STACKED_HEADER(Producer.PDFBOX),
    /** Two page columns: parties on the left, details and notes on the right. */
    TWO_COLUMN(Producer.PDFBOX),
    /** A long item table filling page 1, the totals and notes on page 2, page numbers. */
    TOTALS_ON_SECOND_PAGE(Producer.PDFBOX),
    /** German labels, European numbers and dates. */
    GERMAN(Producer.PDFBOX),
    /** An HTML invoice with a bordered table, printed by Chromium. */
    HTML_TABLE(Producer.CHROMIUM),
    /** An HTML invoice in flexbox cards with the totals on a second page, printed by Chromium. */
    HTML_CARDS(Producer.CHROMIUM);

    public enum Producer {
        PDFBOX,
        CHROMIUM
    }

    private final Producer producer;

    Layout(Producer producer) {
        this.producer = producer;
    }

    public Producer producer() {
        return producer;
    }
}
