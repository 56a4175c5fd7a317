package com.envoyx.invoice.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds structurally valid PDFs (correct xref offsets) of any size, and broken ones. */
public final class TestPdfs {

    private TestPdfs() {
    }

    /** A one-page PDF whose content stream is padded so the file is about {@code size} bytes (at least ~600). */
    public static byte[] ofSize(int size) {
        byte[] small = build(0);
        return build(Math.max(0, size - small.length));
    }

    /** A valid PDF of exactly {@code size} bytes (trailing line feeds after %%EOF make up the rest). */
    public static byte[] exactly(int size) {
        byte[] pdf = ofSize(size - 200);
        byte[] exact = Arrays.copyOf(pdf, size);
        Arrays.fill(exact, pdf.length, size, (byte) '\n');
        return exact;
    }

    public static byte[] minimal() {
        return build(0);
    }

    /** The first {@code keep} bytes: what a broken connection or a cut file leaves. */
    public static byte[] truncated(byte[] pdf, int keep) {
        return Arrays.copyOf(pdf, keep);
    }

    public static byte[] png() {
        byte[] bytes = new byte[256];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    public static byte[] html() {
        return "<!DOCTYPE html><html><body>%PDF-1.7 not really</body></html>\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] build(int padding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(padding + 1024);
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        StringBuilder content = new StringBuilder("BT /F1 12 Tf 72 712 Td (EnvoyX test invoice) Tj ET\n");
        while (content.length() < padding) {
            content.append("% padding line to reach the requested size.............................\n");
        }
        String stream = content.toString();
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "endstream"
        };
        for (int i = 0; i < objects.length; i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        write(out, table + "trailer\n<< /Size " + (objects.length + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
