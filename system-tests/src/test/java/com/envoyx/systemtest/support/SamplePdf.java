package com.envoyx.systemtest.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small, valid PDF documents (correct cross-reference offsets) with a text layer: a complete
 * invoice that invoice-service reads and every validation check passes (vendor letterhead,
 * number, dates, subtotal + tax = total), so an upload ends PROCESSED.
 */
public final class SamplePdf {

    /** The vendor every sample invoice is from; its number is what tells two apart. */
    public static final String VENDOR = "Sample Supplies Ltd";
    private static final int MAX_READABLE = 30;

    private SamplePdf() {
    }

    /**
     * A one-page invoice numbered after {@code label} ({@link #number(String)}), so each upload
     * has distinct bytes and two labels are two invoices, not duplicates.
     */
    public static byte[] invoice(String label) {
        return invoice(label, 0);
    }

    /**
     * The same invoice carrying an unreferenced filler stream of {@code fillerBytes}, for uploads
     * that must take a while to send (a valid PDF: readers skip objects nothing points at).
     */
    public static byte[] invoice(String label, int fillerBytes) {
        String text = line(20, 72, 740, VENDOR) + line(10, 72, 724, "12 Market Street, Springfield")
                + line(16, 420, 740, "INVOICE")
                + line(10, 72, 680, "Invoice Number: " + number(label))
                + line(10, 72, 666, "Invoice Date: 2026-03-01")
                + line(10, 72, 652, "Due Date: 2026-03-31")
                + line(10, 72, 600, "Subtotal: USD 100.00")
                + line(10, 72, 586, "Tax: USD 20.00")
                + line(10, 72, 572, "Total: USD 120.00");
        List<String> objects = new ArrayList<>(List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
        if (fillerBytes > 0) {
            objects.add("<< /Length " + fillerBytes + " >>\nstream\n" + "0".repeat(fillerBytes) + "\nendstream");
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        write(pdf, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.size());
            write(pdf, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = pdf.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(pdf, table.toString());
        return pdf.toByteArray();
    }

    /**
     * The invoice number of {@code label}: the characters of it an invoice number may hold (at most
     * 30) and a decimal hash of the whole label, so it always carries a digit and long labels that
     * share a beginning stay apart.
     */
    public static String number(String label) {
        String readable = label.replaceAll("[^A-Za-z0-9._/-]", "-");
        return readable.substring(0, Math.min(readable.length(), MAX_READABLE)) + "-" + Math.floorMod(label.hashCode(), 100_000);
    }

    private static String line(int size, int x, int y, String text) {
        return "BT /F1 " + size + " Tf " + x + " " + y + " Td (" + text + ") Tj ET\n";
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
