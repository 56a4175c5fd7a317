package com.envoyx.invoice.extraction.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The corpus rendered to PDFs, once per JVM: every test class and the benchmark read the same
 * bytes. The Chromium-printed part is empty when Chromium is absent; callers that need it say so
 * through {@link #chromiumAvailable()}.
 */
public final class RenderedCorpus {

    /** One document and what it must read back as. */
    public record Document(CorpusInvoice invoice, byte[] pdf) {
    }

    private static List<Document> documents;

    private RenderedCorpus() {
    }

    public static boolean chromiumAvailable() {
        return ChromiumInvoices.available();
    }

    public static synchronized List<Document> all() {
        if (documents == null) {
            List<Document> rendered = new ArrayList<>();
            List<CorpusInvoice> html = new ArrayList<>();
            for (CorpusInvoice invoice : InvoiceCorpus.invoices()) {
                if (invoice.layout().producer() == Layout.Producer.PDFBOX) {
                    rendered.add(new Document(invoice, PdfBoxInvoices.render(invoice)));
                } else {
                    html.add(invoice);
                }
            }
            if (chromiumAvailable()) {
                List<byte[]> printed = ChromiumInvoices.render(html);
                for (int index = 0; index < html.size(); index++) {
                    rendered.add(new Document(html.get(index), printed.get(index)));
                }
            }
            documents = List.copyOf(rendered);
        }
        return documents;
    }

    /** One invoice of a PDFBox layout drawn on its own, for tests that need a document outside the corpus. */
    public static byte[] drawn(CorpusInvoice invoice) {
        if (invoice.layout().producer() != Layout.Producer.PDFBOX) {
            throw new IllegalArgumentException(invoice.layout() + " is printed by Chromium, not drawn");
        }
        return PdfBoxInvoices.render(invoice);
    }

    public static List<Document> of(Layout layout) {
        return all().stream().filter(document -> document.invoice().layout() == layout).toList();
    }
}
