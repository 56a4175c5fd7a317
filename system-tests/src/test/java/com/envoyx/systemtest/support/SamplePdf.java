package com.envoyx.systemtest.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small, valid PDF documents (correct cross-reference offsets) with a text layer. */
public final class SamplePdf {

    private SamplePdf() {
    }

    /** A one-page invoice whose text names {@code label}, so each upload has distinct bytes. */
    public static byte[] invoice(String label) {
        return invoice(label, 0);
    }

    /**
     * The same invoice carrying an unreferenced filler stream of {@code fillerBytes}, for uploads
     * that must take a while to send (a valid PDF: readers skip objects nothing points at).
     */
    public static byte[] invoice(String label, int fillerBytes) {
        String text = "BT /F1 18 Tf 72 720 Td (Invoice " + label.replaceAll("[()\\\\]", "") + ") Tj ET";
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

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
