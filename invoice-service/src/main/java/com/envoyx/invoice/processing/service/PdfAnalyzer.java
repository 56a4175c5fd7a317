package com.envoyx.invoice.processing.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jboss.logging.Logger;

import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.service.InvoiceExtractor;
import com.envoyx.invoice.invoices.model.ExtractedMetadata;

/**
 * The full parse of one document with PDFBox. Runs only in the child JVM of {@link SandboxedParse},
 * whose heap and time limit are the bounds: decoded streams stay in that heap (never spilled to
 * disk, where a bomb would fill the volume instead), and the file is read through a small buffer.
 * Pages are counted from the page tree before any page is read, and only the first
 * {@code maxPages} are read: a document with more is FLAGGED for its length anyway. A document
 * with a text layer is also read as an invoice ({@link InvoiceExtractor}) here, inside the same
 * bounds, so no customer's file is ever laid out in the service's own JVM.
 */
final class PdfAnalyzer {

    static final String ENCRYPTED = "The PDF is encrypted with a password; upload a copy saved without a password.";
    static final String DAMAGED = "The PDF is damaged and cannot be read; export or scan it again and upload the new file.";
    static final String NO_PAGES = "The PDF has no pages; upload a PDF with the invoice on at least one page.";

    private static final Logger LOG = Logger.getLogger(PdfAnalyzer.class);
    private static final int MAX_INFO_LENGTH = 500;

    private final int maxPages;

    PdfAnalyzer(int maxPages) {
        this.maxPages = maxPages;
    }

    /** Reads the document; {@link IOException} when the file itself cannot be read (not the document's fault). */
    PdfAnalysis analyze(Path file) throws IOException {
        try (RandomAccessReadBufferedFile read = new RandomAccessReadBufferedFile(file)) {
            return analyze(read);
        }
    }

    private PdfAnalysis analyze(RandomAccessReadBufferedFile read) {
        try (PDDocument document = Loader.loadPDF(read, "", IOUtils.createMemoryOnlyStreamCache())) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                return new PdfAnalysis.Unreadable(NO_PAGES);
            }
            RepeatedFilters.decode(document);
            boolean hasText = TextLayerProbe.hasText(document, Math.min(pages, maxPages));
            InvoiceExtraction extraction = hasText ? new InvoiceExtractor(maxPages).extract(document) : InvoiceExtraction.noTextLayer();
            PDDocumentInformation info = document.getDocumentInformation();
            return new PdfAnalysis.Readable(new ExtractedMetadata(pages,
                    String.format(Locale.ROOT, "%.1f", document.getVersion()), hasText, document.isEncrypted(),
                    text(info.getTitle()), text(info.getAuthor()), text(info.getSubject()), text(info.getKeywords()),
                    text(info.getCreator()), text(info.getProducer()),
                    date(info.getCreationDate()), date(info.getModificationDate()), List.of()), extraction);
        } catch (InvalidPasswordException e) {
            return new PdfAnalysis.Unreadable(ENCRYPTED);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Broken documents surface as anything from an IOException to a ClassCastException or a
            // stack overflow on a cyclic page tree; all mean the same to the customer.
            LOG.debugf("Unreadable PDF: %s", e);
            return new PdfAnalysis.Unreadable(DAMAGED);
        }
    }

    /** Info strings are free text from the file: control characters removed, length capped, blank is absent. */
    private static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = raw.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(MAX_INFO_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String date(Calendar calendar) {
        return calendar == null ? null : calendar.toInstant().toString();
    }
}
