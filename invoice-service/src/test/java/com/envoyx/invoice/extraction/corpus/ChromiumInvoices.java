package com.envoyx.invoice.extraction.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Prints the corpus's HTML layouts with headless Chromium, as a customer's web billing tool
 * would. All invoices go through one Chromium run (one start instead of one per invoice): each
 * invoice starts on a new page, and the printed document is split back by each layout's page
 * count, checked against each invoice's number so that an overflowing page cannot shift the rest.
 */
final class ChromiumInvoices {

    static final Path CHROMIUM = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    private static final long TIMEOUT_SECONDS = 120;

    private ChromiumInvoices() {
    }

    static boolean available() {
        return CHROMIUM != null;
    }

    static List<byte[]> render(List<CorpusInvoice> invoices) {
        try {
            Path dir = Files.createTempDirectory("envoyx-corpus-chromium");
            Path html = dir.resolve("corpus.html");
            Path pdf = dir.resolve("corpus.pdf");
            StringBuilder page = new StringBuilder(HEAD);
            invoices.forEach(invoice -> page.append(html(invoice)));
            page.append("</body></html>");
            Files.writeString(html, page, StandardCharsets.UTF_8);
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", "--user-data-dir=" + dir.resolve("profile"), "--print-to-pdf=" + pdf, html.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || !Files.exists(pdf)) {
                chromium.destroyForcibly();
                throw new IllegalStateException("Chromium printed nothing; see " + dir.resolve("chromium.log"));
            }
            return split(Files.readAllBytes(pdf), invoices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> split(byte[] printed, List<CorpusInvoice> invoices) throws IOException {
        List<byte[]> documents = new ArrayList<>();
        try (PDDocument all = Loader.loadPDF(printed)) {
            int next = 0;
            for (CorpusInvoice invoice : invoices) {
                int pages = invoice.layout() == Layout.HTML_CARDS ? 2 : 1;
                try (PDDocument one = new PDDocument()) {
                    one.getDocumentInformation().setProducer(all.getDocumentInformation().getProducer());
                    for (int index = 0; index < pages; index++) {
                        one.importPage(all.getPage(next + index));
                    }
                    PDFTextStripper stripper = new PDFTextStripper();
                    stripper.setEndPage(1);
                    if (!stripper.getText(one).contains(invoice.number())) {
                        throw new IllegalStateException(invoice.id() + " did not start on its own page: a page overflowed");
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    one.save(out);
                    documents.add(out.toByteArray());
                }
                next += pages;
            }
            if (next != all.getNumberOfPages()) {
                throw new IllegalStateException("Chromium printed " + all.getNumberOfPages() + " pages, the corpus expects " + next);
            }
        }
        return documents;
    }

    private static final String HEAD = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>
            @page { size: A4; margin: 16mm; }
            body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 12px; color: #222; margin: 0; }
            section { page-break-after: always; }
            .break { page-break-before: always; }
            .head { display: flex; justify-content: space-between; align-items: flex-start; }
            .head h1 { font-size: 26px; margin: 0 0 4px 0; }
            .title { font-size: 20px; font-weight: bold; letter-spacing: 2px; }
            .small { font-size: 10px; color: #666; }
            table { border-collapse: collapse; }
            td, th { padding: 4px 18px 4px 0; text-align: left; vertical-align: top; }
            table.meta { margin: 18px 0 0 auto; }
            table.items { width: 100%; margin-top: 24px; }
            table.items.bordered td, table.items.bordered th { border: 1px solid #999; padding: 5px 10px; }
            table.items td.num, table.items th.num { text-align: right; }
            table.totals { margin: 16px 0 0 auto; }
            table.totals td { padding: 3px 0 3px 40px; text-align: right; }
            .block { margin-top: 18px; }
            .block h3, .card h4 { font-size: 12px; margin: 0 0 4px 0; text-transform: none; }
            .cards { display: flex; gap: 40px; margin-top: 24px; }
            .card { flex: 1; }
            .boxes { display: flex; gap: 30px; margin-top: 24px; }
            .box .label { font-size: 10px; color: #666; }
            .box .value { font-size: 14px; }
            .notes { margin-top: 30px; font-size: 10px; color: #555; }
            </style></head><body>
            """;

    private static String html(CorpusInvoice invoice) {
        return switch (invoice.layout()) {
            case HTML_TABLE -> tableLayout(invoice);
            case HTML_CARDS -> cardsLayout(invoice);
            default -> throw new IllegalArgumentException(invoice.layout() + " is not printed by Chromium");
        };
    }

    private static String tableLayout(CorpusInvoice invoice) {
        StringBuilder html = new StringBuilder("<section><div class=\"head\"><div><h1>").append(escape(invoice.vendor().name())).append("</h1>");
        invoice.vendor().address().forEach(line -> html.append("<div>").append(escape(line)).append("</div>"));
        html.append("<div class=\"small\">VAT No.: ").append(invoice.vendorTaxId()).append("</div></div>")
                .append("<div class=\"title\">INVOICE</div></div>")
                .append("<table class=\"meta\">")
                .append(row("Invoice Number", invoice.number()))
                .append(row("Invoice Date", invoice.date(invoice.issued())))
                .append(row("Due Date", invoice.date(invoice.due())))
                .append("</table><div class=\"block\"><h3>Billed To</h3>");
        party(html, invoice.customer());
        html.append("</div>");
        items(html, invoice, true, 18, "Description", "Qty", "Unit Price", "Amount");
        html.append("<table class=\"totals\">")
                .append(row("Subtotal", invoice.price(invoice.subtotal())))
                .append(row(invoice.taxLabel() + " (" + invoice.quantity(invoice.taxRate()) + "%)", invoice.price(invoice.tax())))
                .append(row("<b>Total Due</b>", "<b>" + invoice.price(invoice.total()) + "</b>"))
                .append("</table><p class=\"notes\">Thank you for your business. Payment terms: 30 days.</p></section>");
        return html.toString();
    }

    private static String cardsLayout(CorpusInvoice invoice) {
        StringBuilder html = new StringBuilder("<section><div class=\"head\"><div class=\"title\">INVOICE</div><div class=\"small\">Page 1 of 2</div></div>");
        html.append("<div class=\"cards\"><div class=\"card\"><h4>From</h4>");
        party(html, invoice.vendor());
        html.append("<div class=\"small\">Tax ID: ").append(invoice.vendorTaxId()).append("</div></div><div class=\"card\"><h4>Bill To</h4>");
        party(html, invoice.customer());
        html.append("</div></div><div class=\"boxes\">")
                .append(box("Invoice #", invoice.number()))
                .append(box("Date Issued", invoice.date(invoice.issued())))
                .append(box("Due By", invoice.date(invoice.due())))
                .append(box("Currency", invoice.currency()))
                .append("</div>");
        items(html, invoice, false, Integer.MAX_VALUE, "Item", "Hours", "Rate", "Line Total");
        html.append("<div class=\"break\"><div class=\"small\">").append(escape(invoice.vendor().name()))
                .append(" - Page 2 of 2</div><table class=\"totals\">")
                .append(row("Subtotal", invoice.price(invoice.subtotal())))
                .append(row(invoice.taxLabel(), invoice.price(invoice.tax())))
                .append(row("<b>Total (" + invoice.currency() + ")</b>", "<b>" + invoice.price(invoice.total()) + "</b>"))
                .append("</table><p class=\"notes\">Notes: please pay by the due date.</p></div></section>");
        return html.toString();
    }

    private static void party(StringBuilder html, CorpusInvoice.Party party) {
        html.append("<div>").append(escape(party.name())).append("</div>");
        party.address().forEach(line -> html.append("<div>").append(escape(line)).append("</div>"));
    }

    /** The item table; descriptions longer than {@code wrapAt} characters broken onto more lines. */
    private static void items(StringBuilder html, CorpusInvoice invoice, boolean bordered, int wrapAt, String... headers) {
        html.append("<table class=\"items").append(bordered ? " bordered" : "").append("\"><thead><tr><th>").append(headers[0])
                .append("</th><th class=\"num\">").append(headers[1]).append("</th><th class=\"num\">").append(headers[2])
                .append("</th><th class=\"num\">").append(headers[3]).append("</th></tr></thead><tbody>");
        for (CorpusInvoice.Item item : invoice.items()) {
            html.append("<tr><td>").append(String.join("<br>", PdfBoxInvoices.wrap(escape(item.description()), wrapAt)))
                    .append("</td><td class=\"num\">")
                    .append(invoice.quantity(item.quantity())).append("</td><td class=\"num\">").append(invoice.plain(item.unitPrice()))
                    .append("</td><td class=\"num\">").append(invoice.plain(item.amount())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static String row(String label, String value) {
        return "<tr><th>" + label + "</th><td>" + escape(value) + "</td></tr>";
    }

    private static String box(String label, String value) {
        return "<div class=\"box\"><div class=\"label\">" + label + "</div><div class=\"value\">" + escape(value) + "</div></div>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
