package com.envoyx.invoice.processing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.infra.testing.HostilePdfs;
import com.envoyx.invoice.extraction.corpus.Layout;
import com.envoyx.invoice.extraction.corpus.RenderedCorpus;
import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.service.InvoiceChecks;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.invoices.model.ExtractedMetadata;
import com.envoyx.invoice.testing.RealPdfs;
import com.envoyx.invoice.testing.TestPdfs;
import com.envoyx.invoice.upload.service.PdfInspector;

/**
 * The full parse on real documents, in this JVM (the child JVM runs the same code: {@link
 * ParseSandboxTest}); every damaged input here passes the upload check first.
 */
class PdfAnalyzerTest {

    private static final int MAX_PAGES = 100;

    private final PdfAnalyzer analyzer = new PdfAnalyzer(MAX_PAGES);

    @TempDir
    Path dir;

    @Test
    void aTextInvoiceYieldsItsMetadata() throws IOException {
        ExtractedMetadata metadata = readable(RealPdfs.textInvoice(3));
        assertEquals(3, metadata.pageCount());
        assertTrue(metadata.hasTextLayer());
        assertFalse(metadata.encrypted());
        assertEquals("1.6", metadata.pdfVersion());
        assertEquals(RealPdfs.TITLE, metadata.title());
        assertEquals(RealPdfs.AUTHOR, metadata.author());
        assertEquals("EnvoyX tests", metadata.creator());
        assertEquals("Apache PDFBox", metadata.producer());
        assertEquals("2026-03-01T09:30:00Z", metadata.creationDate());
        assertNull(metadata.subject());
        assertEquals(List.of(), metadata.flags());
    }

    /** The pipeline tests' fixture: it must read back as the invoice it is and pass every check. */
    @Test
    void theTestInvoiceReadsBackAndPassesEveryCheck() throws IOException {
        PdfAnalysis analysis = analyzer.analyze(write(RealPdfs.textInvoice(2, "INV-77")));
        InvoiceExtraction extraction = assertInstanceOf(PdfAnalysis.Readable.class, analysis).extraction();
        assertEquals("INV-77", extraction.value(InvoiceField.INVOICE_NUMBER));
        assertEquals(RealPdfs.VENDOR, extraction.value(InvoiceField.VENDOR_NAME));
        assertEquals(RealPdfs.ISSUED.toString(), extraction.value(InvoiceField.INVOICE_DATE));
        assertEquals(RealPdfs.TOTAL, extraction.value(InvoiceField.TOTAL_AMOUNT));
        for (CheckResult check : InvoiceChecks.all(extraction, Clock.systemUTC(), false)) {
            assertTrue(check.passed(), check.toString());
        }
    }

    @Test
    void aScanHasNoTextLayer() throws IOException {
        ExtractedMetadata metadata = readable(RealPdfs.scannedInvoice());
        assertEquals(1, metadata.pageCount());
        assertFalse(metadata.hasTextLayer());
    }

    @Test
    void theHandBuiltUploadFixtureReadsAsAOnePageTextDocument() throws IOException {
        ExtractedMetadata metadata = readable(TestPdfs.ofSize(20_000));
        assertEquals(1, metadata.pageCount());
        assertEquals("1.7", metadata.pdfVersion());
        assertTrue(metadata.hasTextLayer());
    }

    @Test
    void aPasswordProtectedPdfIsUnreadableWithAMessageToRemoveThePassword() throws IOException {
        assertEquals(PdfAnalyzer.ENCRYPTED, unreadable(RealPdfs.passwordProtected()));
    }

    @Test
    void anOwnerPasswordOnlyPdfOpensAndSaysItIsEncrypted() throws IOException {
        ExtractedMetadata metadata = readable(RealPdfs.restrictedButOpen());
        assertTrue(metadata.encrypted());
        assertTrue(metadata.hasTextLayer());
    }

    @Test
    void aDocumentWithoutPagesIsUnreadable() throws IOException {
        assertEquals(PdfAnalyzer.NO_PAGES, unreadable(RealPdfs.noPages()));
    }

    @Test
    void aDocumentDamagedInsideIsUnreadable() throws IOException {
        assertEquals(PdfAnalyzer.DAMAGED, unreadable(RealPdfs.damagedInside()));
    }

    /** Seeded: random damage inside a real PDF never escapes as an exception, and never takes long. */
    @Test
    void randomDamageEndsInAnOutcomeNotAnException() throws IOException {
        long seed = System.nanoTime();
        System.out.println("PdfAnalyzerTest seed " + seed);
        Random random = new Random(seed);
        byte[] original = RealPdfs.textInvoice(2);
        for (int i = 0; i < 200; i++) {
            byte[] damaged = original.clone();
            int flips = 1 + random.nextInt(50);
            for (int j = 0; j < flips; j++) {
                damaged[16 + random.nextInt(damaged.length - 16)] = (byte) random.nextInt(256);
            }
            Path file = Files.write(Files.createTempFile(dir, "damaged", ".pdf"), damaged);
            PdfAnalysis analysis = analyzer.analyze(file);
            assertTrue(analysis instanceof PdfAnalysis.Readable || analysis instanceof PdfAnalysis.Unreadable,
                    "seed " + seed + " round " + i);
        }
    }

    @Test
    void textBehindARepeatedFilterIsReadWhereTheHeapAllows() throws IOException {
        ExtractedMetadata metadata = readable(HostilePdfs.doubleFlate(4L * 1024 * 1024));
        assertTrue(metadata.hasTextLayer(), "PDFBox alone reads a repeated filter once and sees no text");
    }

    /** Pages are counted from the page tree; only the first max-pages are read for text. */
    @Test
    void aLongDocumentIsCountedWhole() throws IOException {
        ExtractedMetadata metadata = readable(HostilePdfs.manyPages(10_000));
        assertEquals(10_000, metadata.pageCount());
        assertTrue(metadata.hasTextLayer());
    }

    @Test
    void aTextInvoiceIsAlsoReadAsAnInvoiceAndAScanIsNot() throws IOException {
        RenderedCorpus.Document document = RenderedCorpus.of(Layout.GERMAN).get(0);
        InvoiceExtraction extraction = assertInstanceOf(PdfAnalysis.Readable.class, analyzer.analyze(write(document.pdf()))).extraction();
        assertEquals(InvoiceExtraction.EXTRACTED, extraction.outcome());
        assertEquals(document.invoice().number(), extraction.value(InvoiceField.INVOICE_NUMBER));
        assertEquals(document.invoice().truthItems(), extraction.lineItems());
        PdfAnalysis scan = analyzer.analyze(write(RealPdfs.scannedInvoice()));
        assertEquals(InvoiceExtraction.noTextLayer(), assertInstanceOf(PdfAnalysis.Readable.class, scan).extraction());
    }

    @Test
    void anXrefLoopAndDeepNestingEndInAnOutcome() throws IOException {
        assertTrue(readable(HostilePdfs.xrefLoop()).hasTextLayer());
        PdfAnalysis nested = analyzer.analyze(write(HostilePdfs.deeplyNested(100_000)));
        assertTrue(nested instanceof PdfAnalysis.Readable || nested instanceof PdfAnalysis.Unreadable);
    }

    private ExtractedMetadata readable(byte[] pdf) throws IOException {
        PdfAnalysis analysis = analyzer.analyze(write(pdf));
        return assertInstanceOf(PdfAnalysis.Readable.class, analysis).metadata();
    }

    private String unreadable(byte[] pdf) throws IOException {
        PdfAnalysis analysis = analyzer.analyze(write(pdf));
        return assertInstanceOf(PdfAnalysis.Unreadable.class, analysis).message();
    }

    /** Writes the bytes and checks that the upload check would have let them through. */
    private Path write(byte[] pdf) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "doc", ".pdf"), pdf);
        assertTrue(new PdfInspector().inspect(file).pdf(), "the upload check accepts this file");
        return file;
    }
}
