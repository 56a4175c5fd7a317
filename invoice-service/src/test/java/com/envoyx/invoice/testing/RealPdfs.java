package com.envoyx.invoice.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import com.envoyx.invoice.extraction.corpus.CorpusInvoice;
import com.envoyx.invoice.extraction.corpus.InvoiceCorpus;
import com.envoyx.invoice.extraction.corpus.RenderedCorpus;

/**
 * PDFs written by PDFBox itself, as real producers write them: text invoices, scans (image
 * only), long documents, password-protected ones, and ones damaged inside while their head and
 * tail still pass the upload check.
 */
public final class RealPdfs {

    public static final String TITLE = "Invoice 2026-0042";
    public static final String AUTHOR = "Acme Supplies Ltd";
    private static final CorpusInvoice CORPUS_INVOICE = InvoiceCorpus.invoices().get(0);
    /** What {@link #textInvoice(int)} reads as. */
    public static final String VENDOR = CORPUS_INVOICE.vendor().name();
    public static final String NUMBER = CORPUS_INVOICE.number();
    public static final LocalDate ISSUED = CORPUS_INVOICE.issued();
    public static final String TOTAL = CORPUS_INVOICE.total().toPlainString();
    /** 2026-03-01T09:30:00Z, the creation date of {@link #textInvoice(int)}. */
    public static final Calendar CREATED = new GregorianCalendar(TimeZone.getTimeZone("UTC"));

    static {
        CREATED.clear();
        CREATED.set(2026, Calendar.MARCH, 1, 9, 30, 0);
    }

    private RealPdfs() {
    }

    /**
     * A complete invoice every validation check passes (the first of the extraction corpus, drawn
     * by PDFBox: {@link #VENDOR}, number {@link #NUMBER}, dated {@link #ISSUED}), followed by
     * {@code pages - 1} pages of terms, with title, author, creator, producer and creation date.
     */
    public static byte[] textInvoice(int pages) {
        return textInvoice(pages, NUMBER);
    }

    /** {@link #textInvoice(int)} under another invoice number: another invoice from the same vendor. */
    public static byte[] textInvoice(int pages, String number) {
        try (PDDocument document = Loader.loadPDF(RenderedCorpus.drawn(CORPUS_INVOICE.withNumber(number)))) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 2; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 760);
                    content.showText("Terms and conditions, page " + i + " of " + pages);
                    content.endText();
                }
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(TITLE);
            info.setAuthor(AUTHOR);
            info.setCreator("EnvoyX tests");
            info.setProducer("Apache PDFBox");
            info.setCreationDate(CREATED);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page holding only a picture of a page, as a scanner produces. */
    public static byte[] scannedInvoice() {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            BufferedImage scan = new BufferedImage(200, 280, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = scan.createGraphics();
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, 200, 280);
            graphics.setColor(Color.BLACK);
            graphics.fillRect(20, 20, 160, 10);
            graphics.dispose();
            PDImageXObject image = LosslessFactory.createFromImage(document, scan);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text invoice that opens only with the user password. */
    public static byte[] passwordProtected() {
        return protect("user-secret");
    }

    /** A text invoice with an owner password only (restrictions, no password to open), as many invoicing tools write. */
    public static byte[] restrictedButOpen() {
        return protect("");
    }

    /** A well-formed document without a single page. */
    public static byte[] noPages() {
        try (PDDocument document = new PDDocument()) {
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A text invoice whose objects are overwritten with filler, header and cross-reference table
     * intact: the upload check (head and tail) accepts it, a real parse cannot read it.
     */
    public static byte[] damagedInside() {
        try (PDDocument document = textDocument()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            byte[] pdf = out.toByteArray();
            String text = new String(pdf, StandardCharsets.ISO_8859_1);
            int xref = text.lastIndexOf("\nxref") + 1;
            byte[] damaged = pdf.clone();
            Arrays.fill(damaged, 16, xref - 1, (byte) 'x');
            return damaged;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] protect(String userPassword) {
        try (PDDocument document = textDocument()) {
            AccessPermission permissions = new AccessPermission();
            permissions.setCanModify(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, permissions);
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDDocument textDocument() throws IOException {
        return org.apache.pdfbox.Loader.loadPDF(textInvoice(1));
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
