package com.envoyx.invoice.extraction.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Draws the corpus's PDFBox layouts, one A4 page per page, coordinates from the top-left. */
final class PdfBoxInvoices {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float RIGHT = 545;
    private static final float ROW = 16;

    private PdfBoxInvoices() {
    }

    static byte[] render(CorpusInvoice invoice) {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setProducer("EnvoyX corpus (PDFBox)");
            switch (invoice.layout()) {
                case LETTERHEAD_LABELS -> letterheadLabels(document, invoice);
                case RULED_TWO_PARTIES -> ruledTwoParties(document, invoice);
                case STACKED_HEADER -> stackedHeader(document, invoice);
                case TWO_COLUMN -> twoColumn(document, invoice);
                case TOTALS_ON_SECOND_PAGE -> totalsOnSecondPage(document, invoice);
                case GERMAN -> german(document, invoice);
                default -> throw new IllegalArgumentException(invoice.layout() + " is not drawn with PDFBox");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void letterheadLabels(PDDocument document, CorpusInvoice invoice) throws IOException {
        try (Canvas page = Canvas.on(document)) {
            float y = letterhead(page, invoice, 60);
            page.right(RIGHT, 60, 22, true, "INVOICE");
            float meta = 110;
            page.text(330, meta, 10, false, "Invoice Number: " + invoice.number());
            page.text(330, meta + 14, 10, false, "Invoice Date: " + invoice.date(invoice.issued()));
            page.text(330, meta + 28, 10, false, "Due Date: " + invoice.date(invoice.due()));
            page.text(330, meta + 42, 10, false, "VAT No.: " + invoice.vendorTaxId());
            float block = Math.max(y, meta + 42) + 30;
            page.text(50, block, 10, true, "Bill To:");
            party(page, 50, block + 14, invoice.customer());
            float table = block + 90;
            float end = table(page, invoice, table, invoice.items(), false, "Description", "Qty", "Unit Price", "Amount");
            totals(page, invoice, end + 20, "Subtotal", invoice.taxLabel() + " (" + rate(invoice) + "%)", "Total Due");
            page.text(50, 760, 8, false, "Thank you for your business. Please quote the invoice number with your payment.");
            page.text(50, 772, 8, false, "Payment terms: 30 days net. Late payments may incur interest.");
            page.center(297, 800, 8, "Page 1 of 1");
        }
    }

    private static void ruledTwoParties(PDDocument document, CorpusInvoice invoice) throws IOException {
        try (Canvas page = Canvas.on(document)) {
            page.text(50, 60, 24, true, "Invoice");
            labelValue(page, 50, 160, 90, "Invoice #", invoice.number());
            labelValue(page, 50, 160, 104, "Issue Date", invoice.date(invoice.issued()));
            labelValue(page, 50, 160, 118, "Due Date", invoice.date(invoice.due()));
            labelValue(page, 50, 160, 132, "Currency", invoice.currency());
            page.text(50, 170, 10, true, "From");
            float vendorEnd = party(page, 50, 184, invoice.vendor());
            page.text(50, vendorEnd, 9, false, "Tax ID: " + invoice.vendorTaxId());
            page.text(320, 170, 10, true, "Bill To");
            party(page, 320, 184, invoice.customer());
            float end = table(page, invoice, 270, invoice.items(), true, "Item", "Quantity", "Price", "Total");
            totals(page, invoice, end + 20, "Subtotal", invoice.taxLabel(), "Amount Due");
            page.text(50, 780, 8, false, "Questions? Contact billing@example.com - Invoice generated for " + invoice.customer().name());
        }
    }

    private static void stackedHeader(PDDocument document, CorpusInvoice invoice) throws IOException {
        try (Canvas page = Canvas.on(document)) {
            float y = letterhead(page, invoice, 60);
            page.right(RIGHT, 60, 20, true, "TAX INVOICE");
            float band = y + 25;
            String[] labels = {"Invoice No.", "Invoice Date", "Due Date", "VAT Number"};
            String[] values = {invoice.number(), invoice.date(invoice.issued()), invoice.date(invoice.due()), invoice.vendorTaxId()};
            for (int column = 0; column < labels.length; column++) {
                page.text(50 + column * 125, band, 8, true, labels[column]);
                page.text(50 + column * 125, band + 13, 10, false, values[column]);
            }
            page.text(50, band + 45, 10, true, "Invoice To");
            party(page, 50, band + 59, invoice.customer());
            float end = table(page, invoice, band + 130, invoice.items(), false, "Item", "Quantity", "Rate", "Amount");
            totals(page, invoice, end + 20, "Sub-total", invoice.taxLabel() + " " + rate(invoice) + "%", "Grand Total");
            page.text(50, 770, 8, false, "Notes: goods remain our property until paid in full.");
        }
    }

    private static void twoColumn(PDDocument document, CorpusInvoice invoice) throws IOException {
        try (Canvas page = Canvas.on(document)) {
            page.text(50, 60, 16, true, invoice.vendor().name());
            float y = party(page, 50, 76, new CorpusInvoice.Party("", invoice.vendor().address()));
            page.text(50, y + 20, 10, false, "Bill To: " + invoice.customer().name());
            party(page, 50, y + 34, new CorpusInvoice.Party("", invoice.customer().address()));
            page.text(320, 60, 14, true, "INVOICE");
            labelValue(page, 320, 430, 84, "Invoice No:", invoice.number());
            labelValue(page, 320, 430, 98, "Date:", invoice.date(invoice.issued()));
            labelValue(page, 320, 430, 112, "Payment Due:", invoice.date(invoice.due()));
            labelValue(page, 320, 430, 126, "EIN / VAT:", invoice.vendorTaxId());
            page.text(320, 150, 8, false, "Please pay by bank transfer within");
            page.text(320, 160, 8, false, "the agreed terms; thank you.");
            float end = table(page, invoice, 230, invoice.items(), false, 16, "Description", "Hours", "Rate", "Amount");
            totals(page, invoice, end + 20, "Subtotal", invoice.taxLabel(), "Total");
        }
    }

    private static void totalsOnSecondPage(PDDocument document, CorpusInvoice invoice) throws IOException {
        try (Canvas page = Canvas.on(document)) {
            float y = letterhead(page, invoice, 50);
            page.right(RIGHT, 50, 20, true, "INVOICE");
            page.text(330, 90, 10, false, "Invoice No.: " + invoice.number());
            page.text(330, 104, 10, false, "Date: " + invoice.date(invoice.issued()));
            page.text(330, 118, 10, false, "Due: " + invoice.date(invoice.due()));
            page.text(330, 132, 10, false, "VAT ID: " + invoice.vendorTaxId());
            page.text(50, y + 20, 10, true, "Customer");
            party(page, 50, y + 34, invoice.customer());
            table(page, invoice, y + 100, invoice.items(), false, "Description", "Qty", "Unit Price", "Amount");
            page.center(297, 815, 8, "Page 1 of 2");
        }
        try (Canvas page = Canvas.on(document)) {
            page.text(50, 50, 9, false, invoice.vendor().name() + " - continued");
            totals(page, invoice, 100, "Subtotal", invoice.taxLabel() + " (" + rate(invoice) + "%)", "Balance Due");
            page.text(50, 200, 8, false, "Thank you for your order.");
            page.center(297, 815, 8, "Page 2 of 2");
        }
    }

    private static void german(PDDocument document, CorpusInvoice invoice) throws IOException {
        try (Canvas page = Canvas.on(document)) {
            float y = letterhead(page, invoice, 60);
            page.right(RIGHT, 60, 22, true, "Rechnung");
            labelValue(page, 330, 440, 110, "Rechnungsnummer:", invoice.number());
            labelValue(page, 330, 440, 124, "Rechnungsdatum:", invoice.date(invoice.issued()));
            labelValue(page, 330, 440, 138, "Fällig am:", invoice.date(invoice.due()));
            labelValue(page, 330, 440, 152, "USt-IdNr.:", invoice.vendorTaxId());
            float block = Math.max(y, 152) + 30;
            page.text(50, block, 10, true, "Rechnungsempfänger");
            party(page, 50, block + 14, invoice.customer());
            float end = table(page, invoice, block + 90, invoice.items(), true, "Beschreibung", "Menge", "Einzelpreis", "Betrag");
            totals(page, invoice, end + 20, "Zwischensumme", invoice.taxLabel() + " " + rate(invoice) + " %", "Gesamtbetrag");
            page.text(50, 770, 8, false, "Zahlbar ohne Abzug. Vielen Dank für Ihren Auftrag.");
            page.center(297, 800, 8, "Seite 1 von 1");
        }
    }

    /** The vendor in large type, its address below and a contact line; answers the y below it. */
    private static float letterhead(Canvas page, CorpusInvoice invoice, float top) throws IOException {
        page.text(50, top, 18, true, invoice.vendor().name());
        float y = top + 16;
        for (String line : invoice.vendor().address()) {
            page.text(50, y, 9, false, line);
            y += 11;
        }
        page.text(50, y, 8, false, "www." + invoice.vendor().name().split(" ")[0].toLowerCase() + ".example   +44 20 7946 0000");
        return y + 11;
    }

    /** A party's name and address lines from {@code y}; answers the y below them. */
    private static float party(Canvas page, float x, float y, CorpusInvoice.Party party) throws IOException {
        if (!party.name().isEmpty()) {
            page.text(x, y, 10, false, party.name());
            y += 13;
        }
        for (String line : party.address()) {
            page.text(x, y, 10, false, line);
            y += 13;
        }
        return y;
    }

    private static void labelValue(Canvas page, float labelX, float valueX, float y, String label, String value) throws IOException {
        page.text(labelX, y, 10, true, label);
        page.text(valueX, y, 10, false, value);
    }

    /** The item table from {@code top}; numbers right-aligned in their columns; answers the y below it. */
    private static float table(Canvas page, CorpusInvoice invoice, float top, List<CorpusInvoice.Item> items, boolean ruled,
            String... headers) throws IOException {
        return table(page, invoice, top, items, ruled, Integer.MAX_VALUE, headers);
    }

    /** As above, descriptions longer than {@code wrapAt} characters wrapped onto a second line as narrow columns do. */
    private static float table(Canvas page, CorpusInvoice invoice, float top, List<CorpusInvoice.Item> items, boolean ruled, int wrapAt,
            String... headers) throws IOException {
        float[] rights = {0, 340, 440, RIGHT};
        page.text(50, top, 10, true, headers[0]);
        for (int column = 1; column < 4; column++) {
            page.right(rights[column], top, 10, true, headers[column]);
        }
        List<Float> rules = new ArrayList<>();
        rules.add(top - 12);
        rules.add(top + 5);
        float y = top + ROW + 2;
        for (CorpusInvoice.Item item : items) {
            List<String> description = wrap(item.description(), wrapAt);
            page.right(rights[1], y, 10, false, invoice.quantity(item.quantity()));
            page.right(rights[2], y, 10, false, invoice.plain(item.unitPrice()));
            page.right(rights[3], y, 10, false, invoice.plain(item.amount()));
            for (String line : description) {
                page.text(50, y, 10, false, line);
                y += 12;
            }
            y += ROW - 12;
            rules.add(y - ROW + 5);
        }
        if (ruled) {
            for (float rule : rules) {
                page.line(45, rule, RIGHT + 5, rule);
            }
            for (float x : new float[] {45, 280, 350, 450, RIGHT + 5}) {
                page.line(x, top - 12, x, rules.get(rules.size() - 1));
            }
        }
        return y;
    }

    /** The text in lines of at most {@code width} characters, broken at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static void totals(Canvas page, CorpusInvoice invoice, float top, String subtotal, String tax, String total) throws IOException {
        page.text(360, top, 10, false, subtotal);
        page.right(RIGHT, top, 10, false, invoice.price(invoice.subtotal()));
        page.text(360, top + 14, 10, false, tax);
        page.right(RIGHT, top + 14, 10, false, invoice.price(invoice.tax()));
        page.line(360, top + 19, RIGHT, top + 19);
        page.text(360, top + 32, 11, true, total);
        page.right(RIGHT, top + 32, 11, true, invoice.price(invoice.total()));
    }

    private static String rate(CorpusInvoice invoice) {
        BigDecimal rate = invoice.taxRate().stripTrailingZeros();
        return invoice.quantity(rate.scale() < 0 ? rate.setScale(0) : rate);
    }

    /** One page being drawn, y measured down from the top as in the layouts above. */
    private record Canvas(PDPageContentStream stream) implements AutoCloseable {

        static Canvas on(PDDocument document) throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            return new Canvas(new PDPageContentStream(document, page));
        }

        void text(float x, float y, float size, boolean bold, String text) throws IOException {
            stream.beginText();
            stream.setFont(bold ? BOLD : REGULAR, size);
            stream.newLineAtOffset(x, HEIGHT - y);
            stream.showText(text);
            stream.endText();
        }

        void right(float x, float y, float size, boolean bold, String text) throws IOException {
            text(x - width(text, size, bold), y, size, bold, text);
        }

        void center(float x, float y, float size, String text) throws IOException {
            text(x - width(text, size, false) / 2, y, size, false, text);
        }

        void line(float x1, float y1, float x2, float y2) throws IOException {
            stream.setLineWidth(0.5f);
            stream.moveTo(x1, HEIGHT - y1);
            stream.lineTo(x2, HEIGHT - y2);
            stream.stroke();
        }

        private static float width(String text, float size, boolean bold) throws IOException {
            return (bold ? BOLD : REGULAR).getStringWidth(text) / 1000 * size;
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
