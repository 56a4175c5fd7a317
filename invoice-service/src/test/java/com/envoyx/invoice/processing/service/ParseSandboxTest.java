package com.envoyx.invoice.processing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.envoyx.infra.testing.HostilePdfs;
import com.envoyx.invoice.extraction.corpus.Layout;
import com.envoyx.invoice.extraction.corpus.RenderedCorpus;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.testing.OfflineServicesResource;
import com.envoyx.invoice.testing.QueueOnlyProfile;
import com.envoyx.invoice.testing.RealPdfs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The parse in a child JVM as the service runs it (the bean, its classpath found under
 * {@code @QuarkusTest}, its default 128 MiB heap): the same answer as the parse in this JVM for
 * ordinary documents; bombs kill only the child; the time limit and a cancellation kill it too.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
@WithTestResource(OfflineServicesResource.class)
class ParseSandboxTest {

    private static final Duration GENEROUS = Duration.ofSeconds(60);
    private static final String OVER_BOUNDS = "The document exceeds the processing bounds: reading it needs more than 128 MiB";

    @Inject
    ParseSandbox sandbox;

    @Test
    void ordinaryDocumentsGetTheSameAnalysisAsInThisJvm() throws IOException {
        PdfAnalyzer inProcess = new PdfAnalyzer(100);
        for (byte[] pdf : List.of(RealPdfs.textInvoice(3), RealPdfs.scannedInvoice(), RealPdfs.restrictedButOpen(),
                RealPdfs.passwordProtected(), RealPdfs.noPages(), RealPdfs.damagedInside(), HostilePdfs.manyPages(10_000))) {
            Path file = write(pdf);
            assertEquals(inProcess.analyze(file), parse(file, Deadline.after(GENEROUS)));
        }
    }

    @Test
    void theChildAnswersTheInvoiceItReadBesideTheMetadata() throws IOException {
        RenderedCorpus.Document document = RenderedCorpus.of(Layout.TOTALS_ON_SECOND_PAGE).get(0);
        PdfAnalysis analysis = parse(write(document.pdf()), Deadline.after(GENEROUS));
        PdfAnalysis.Readable readable = assertInstanceOf(PdfAnalysis.Readable.class, analysis);
        assertEquals(2, readable.metadata().pageCount());
        assertEquals(document.invoice().total().toPlainString(), readable.extraction().value(InvoiceField.TOTAL_AMOUNT));
        assertEquals(document.invoice().truthItems(), readable.extraction().lineItems());
        PdfAnalysis scan = parse(write(RealPdfs.scannedInvoice()), Deadline.after(GENEROUS));
        assertEquals(InvoiceExtraction.NO_TEXT_LAYER, assertInstanceOf(PdfAnalysis.Readable.class, scan).extraction().outcome());
    }

    @Test
    void aDoubleFlateBombCarryingTextExceedsTheBoundsInsteadOfPassingAsTextless() throws IOException {
        assertOverMemory(HostilePdfs.doubleFlateBomb());
    }

    @Test
    void aContentsArrayBombExceedsTheBounds() throws IOException {
        assertOverMemory(HostilePdfs.contentsArrayBomb(32));
    }

    @Test
    void theChildIsKilledAtTheTimeLimit() throws IOException {
        Path file = write(HostilePdfs.flateBomb());
        long started = System.nanoTime();
        Deadline.Stopped stopped = assertThrows(Deadline.Stopped.class, () -> parse(file, Deadline.after(Duration.ofSeconds(2))));
        assertTrue(stopped.timedOut());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertNoChildLeft();
    }

    @Test
    void aCancelledParseKillsTheChildAndIsNoTimeout() throws IOException {
        Path file = write(HostilePdfs.flateBomb());
        Deadline deadline = Deadline.after(GENEROUS);
        deadline.cancel("lease lost");
        Deadline.Stopped stopped = assertThrows(Deadline.Stopped.class, () -> parse(file, deadline));
        assertFalse(stopped.timedOut());
        assertNoChildLeft();
    }

    private void assertOverMemory(byte[] pdf) throws IOException {
        PdfAnalysis analysis = parse(write(pdf), Deadline.after(GENEROUS));
        String message = assertInstanceOf(PdfAnalysis.Unreadable.class, analysis).message();
        assertTrue(message.startsWith(OVER_BOUNDS), message);
        assertNoChildLeft();
    }

    private PdfAnalysis parse(Path file, Deadline deadline) {
        return sandbox.parse(file, deadline).await().atMost(GENEROUS.plusSeconds(30));
    }

    private static void assertNoChildLeft() {
        assertEquals(0, ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(SandboxedParse.class.getName()))
                .count());
    }

    private static Path write(byte[] pdf) throws IOException {
        Path file = Files.createTempFile("envoyx-sandbox-test", ".pdf");
        file.toFile().deleteOnExit();
        return Files.write(file, pdf);
    }
}
