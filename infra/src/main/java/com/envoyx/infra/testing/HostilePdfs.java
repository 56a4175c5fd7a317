package com.envoyx.infra.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * PDFs an attacker would upload to take the processing pipeline down, written byte by byte (no
 * PDF library, so nothing repairs them on the way out). Each is small on the wire, has a header,
 * a cross-reference table and a trailer the upload check accepts, and opens as a PDF; what it
 * costs a reader is the point. Shared by invoice-service's tests and the system tests.
 */
public final class HostilePdfs {

    /** The text the bombs carry after their filler: a reader that gets through finds it. */
    public static final String HIDDEN_TEXT = "Invoice 2026-0042 total EUR 120.00";

    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
    private static final String FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    private static byte[] doubleFlateBomb;
    private static byte[] flateBomb;

    private HostilePdfs() {
    }

    /**
     * One page whose content stream decodes to 2 GiB of blanks followed by a line of real text
     * ({@link #HIDDEN_TEXT}), compressed twice: see {@link #doubleFlate(long)}. About 5 KB on the
     * wire. Built once per JVM.
     */
    public static synchronized byte[] doubleFlateBomb() {
        if (doubleFlateBomb == null) {
            doubleFlateBomb = doubleFlate(TWO_GIB);
        }
        return doubleFlateBomb.clone();
    }

    /**
     * One page whose content stream is {@code blankBytes} blanks (a multiple of 1 MiB) followed by a
     * line of {@link #HIDDEN_TEXT}, behind {@code /Filter [/FlateDecode /FlateDecode]}: a Flate
     * stream whose decoded bytes are again a Flate stream, as the filter array says.
     */
    public static byte[] doubleFlate(long blankBytes) {
        byte[] inner = deflate(new Filler(blankBytes, (byte) ' ', textOperators()));
        byte[] outer = deflate(new Filler(0, (byte) ' ', inner));
        return onePage(streamObject("/Filter [/FlateDecode /FlateDecode]", outer), "4 0 R");
    }

    /**
     * One page whose content stream decodes to 2 GiB of blanks followed by a line of real text
     * ({@link #HIDDEN_TEXT}), compressed once ({@code /FlateDecode}): about 2 MiB on the wire.
     * Built once per JVM.
     */
    public static synchronized byte[] flateBomb() {
        if (flateBomb == null) {
            flateBomb = onePage(streamObject("/Filter /FlateDecode",
                    deflate(new Filler(TWO_GIB, (byte) ' ', textOperators()))), "4 0 R");
        }
        return flateBomb.clone();
    }

    /**
     * One page whose {@code /Contents} array names the same stream {@code repeats} times; the
     * stream decodes to 64 MiB of numbers, which a content parser collects as operands of an
     * operator that never comes (2 GiB of operands at 32 repeats), then a line of text.
     */
    public static byte[] contentsArrayBomb(int repeats) {
        byte[] stream = deflate(new Filler(64L * 1024 * 1024, (byte) '0', " ".getBytes(StandardCharsets.ISO_8859_1),
                textOperators()));
        StringBuilder contents = new StringBuilder("[");
        for (int i = 0; i < repeats; i++) {
            contents.append("4 0 R ");
        }
        return onePage(streamObject("/Filter /FlateDecode", stream), contents.append(']').toString());
    }

    /**
     * A one-page text document whose cross-reference sections form a loop: the last one's
     * {@code /Prev} points at an earlier one, whose {@code /Prev} points back at the last.
     */
    public static byte[] xrefLoop() {
        Writer pdf = new Writer();
        List<byte[]> objects = textPageObjects(streamObject("", textOperators()), "4 0 R");
        List<Long> offsets = pdf.objects(objects);
        long first = pdf.size();
        long second = first + xrefTable(offsets, first, 1).length;
        pdf.write(xrefTable(offsets, first, second));
        pdf.write(xrefTable(offsets, second, first));
        pdf.text("startxref\n" + second + "\n%%EOF\n");
        return pdf.bytes();
    }

    /** A one-page text document whose page dictionary holds arrays nested {@code depth} deep. */
    public static byte[] deeplyNested(int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        Writer pdf = new Writer();
        List<byte[]> objects = new ArrayList<>(List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> /Nested " + nested + " >>"),
                streamObject("", textOperators()),
                ascii(FONT)));
        return pdf.finish(objects);
    }

    /** {@code pages} pages sharing one content stream with a line of text each. */
    public static byte[] manyPages(int pages) {
        int firstPage = 5;
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            kids.append(firstPage + i).append(" 0 R ");
        }
        List<byte[]> objects = new ArrayList<>(List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>"),
                streamObject("", textOperators()),
                ascii(FONT)));
        byte[] page = ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
                + " /Resources << /Font << /F1 4 0 R >> >> >>");
        for (int i = 0; i < pages; i++) {
            objects.add(page);
        }
        return new Writer().finish(objects);
    }

    /**
     * One page showing only an image that claims 100,000 x 100,000 RGB pixels (30 GB decoded),
     * of which the file carries a few kilobytes of compressed zeros.
     */
    public static byte[] hugeImage() {
        byte[] pixels = deflate(new Filler(4L * 1024 * 1024, (byte) 0, new byte[0]));
        String image = "/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB"
                + " /BitsPerComponent 8 /Filter /FlateDecode";
        List<byte[]> objects = new ArrayList<>(List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /XObject << /Im1 5 0 R >> >> >>"),
                streamObject("", ascii("q 612 0 0 792 0 0 cm /Im1 Do Q")),
                streamObject(image, pixels)));
        return new Writer().finish(objects);
    }

    private static byte[] textOperators() {
        return ascii("\nBT /F1 12 Tf 72 720 Td (" + HIDDEN_TEXT + ") Tj ET\n");
    }

    private static byte[] onePage(byte[] content, String contents) {
        return new Writer().finish(textPageObjects(content, contents));
    }

    private static List<byte[]> textPageObjects(byte[] content, String contents) {
        return List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + contents
                        + " /Resources << /Font << /F1 5 0 R >> >> >>"),
                content,
                ascii(FONT));
    }

    private static byte[] streamObject(String dictionary, byte[] data) {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        object.writeBytes(ascii("<< " + dictionary + " /Length " + data.length + " >>\nstream\n"));
        object.writeBytes(data);
        object.writeBytes(ascii("\nendstream"));
        return object.toByteArray();
    }

    private static byte[] xrefTable(List<Long> offsets, long at, long previous) {
        StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R");
        if (previous > 0) {
            table.append(" /Prev ").append(String.format("%010d", previous));
        }
        return ascii(table.append(" >>\n").toString());
    }

    /**
     * A zlib stream (RFC 1950) of the filler, without deflating all of it: once the window holds
     * nothing but filler, every further chunk compresses to the same byte-aligned block (each is
     * ended with a sync flush), so that block is repeated; the Adler-32 covers every byte.
     */
    private static byte[] deflate(Filler filler) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        Adler32 checksum = new Adler32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xDA);
        byte[] chunk = filler.chunk();
        long chunks = filler.length() / chunk.length;
        byte[] steadyBlock = null;
        for (long i = 0; i < chunks; i++) {
            checksum.update(chunk);
            if (i < 2) {
                byte[] block = compress(deflater, chunk, Deflater.SYNC_FLUSH);
                out.writeBytes(block);
                steadyBlock = block;
            } else {
                out.writeBytes(steadyBlock);
            }
        }
        checksum.update(filler.tail());
        out.writeBytes(compress(deflater, filler.tail(), Deflater.SYNC_FLUSH));
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        long adler = checksum.getValue();
        out.write((int) (adler >>> 24));
        out.write((int) (adler >>> 16));
        out.write((int) (adler >>> 8));
        out.write((int) adler);
        return out.toByteArray();
    }

    private static byte[] compress(Deflater deflater, byte[] input, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        deflater.setInput(input);
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code length} bytes of {@code fill} (interleaved with {@code separator} when given), then {@code tail}. */
    private record Filler(long length, byte fill, byte[] separator, byte[] tail) {

        Filler(long length, byte fill, byte[] tail) {
            this(length, fill, new byte[0], tail);
        }

        byte[] chunk() {
            byte[] chunk = new byte[1024 * 1024];
            if (separator.length == 0) {
                Arrays.fill(chunk, fill);
                return chunk;
            }
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = i % (1 + separator.length) == 0 ? fill : separator[i % (1 + separator.length) - 1];
            }
            return chunk;
        }
    }

    /** Writes numbered objects and remembers where each begins. */
    private static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer() {
            text("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        }

        List<Long> objects(List<byte[]> objects) {
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                offsets.add((long) out.size());
                text((i + 1) + " 0 obj\n");
                out.writeBytes(objects.get(i));
                text("\nendobj\n");
            }
            return offsets;
        }

        byte[] finish(List<byte[]> objects) {
            List<Long> offsets = objects(objects);
            long xref = out.size();
            write(xrefTable(offsets, xref, 0));
            text("startxref\n" + xref + "\n%%EOF\n");
            return bytes();
        }

        long size() {
            return out.size();
        }

        void write(byte[] bytes) {
            out.writeBytes(bytes);
        }

        void text(String text) {
            out.writeBytes(ascii(text));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
