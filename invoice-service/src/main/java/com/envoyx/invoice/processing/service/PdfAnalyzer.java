package com.envoyx.invoice.processing.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jboss.logging.Logger;

import com.envoyx.invoice.invoices.model.ExtractedMetadata;

/**
 * The full parse of one document with PDFBox. Blocking and CPU-bound: runs on the pipeline's own
 * pool, never an event loop. Memory per document is bounded: the file is read through a small
 * buffer (never loaded whole) and decoded streams beyond {@code inMemoryBytes} spill to temp files.
 */
final class PdfAnalyzer {

    static final String ENCRYPTED = "The PDF is encrypted with a password; upload a copy saved without a password.";
    static final String DAMAGED = "The PDF is damaged and cannot be read; export or scan it again and upload the new file.";
    static final String NO_PAGES = "The PDF has no pages; upload a PDF with the invoice on at least one page.";

    private static final Logger LOG = Logger.getLogger(PdfAnalyzer.class);
    private static final int MAX_INFO_LENGTH = 500;

    private final StreamCacheCreateFunction streamCache;

    PdfAnalyzer(long inMemoryBytes) {
        this.streamCache = MemoryUsageSetting.setupMixed(inMemoryBytes).streamCache;
    }

    /**
     * Reads the document. Throws {@link Deadline.Stopped} when the deadline passes or the parse is
     * cancelled, {@link IOException} when the file itself cannot be read (a storage problem, not the
     * document's fault).
     */
    PdfAnalysis analyze(Path file, Deadline deadline) throws IOException {
        RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
        try (GuardedRead read = new GuardedRead(source, deadline)) {
            return analyze(read, deadline);
        }
    }

    private PdfAnalysis analyze(GuardedRead read, Deadline deadline) {
        try (PDDocument document = Loader.loadPDF(read, "", streamCache)) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                return new PdfAnalysis.Unreadable(NO_PAGES);
            }
            boolean hasText = TextLayerProbe.hasText(document, deadline);
            PDDocumentInformation info = document.getDocumentInformation();
            return new PdfAnalysis.Readable(new ExtractedMetadata(pages,
                    String.format(Locale.ROOT, "%.1f", document.getVersion()), hasText, document.isEncrypted(),
                    text(info.getTitle()), text(info.getAuthor()), text(info.getSubject()), text(info.getKeywords()),
                    text(info.getCreator()), text(info.getProducer()),
                    date(info.getCreationDate()), date(info.getModificationDate()), List.of()));
        } catch (InvalidPasswordException e) {
            return new PdfAnalysis.Unreadable(ENCRYPTED);
        } catch (Deadline.Stopped e) {
            throw e;
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
