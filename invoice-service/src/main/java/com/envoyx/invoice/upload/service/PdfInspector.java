package com.envoyx.invoice.upload.service;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.invoice.platform.Sha256;
import com.envoyx.invoice.upload.model.InspectedFile;

/**
 * Decides "is this a PDF" from the bytes, never from the name or the declared type, reading
 * the file in a streaming pass (for the hash) plus its first and last kilobyte.
 *
 * <p>A PDF here is: the {@code %PDF-x.y} header at offset 0, an {@code %%EOF} marker in the last
 * kilobyte, and before it a {@code startxref} whose offset lies inside the file and points at a
 * cross-reference table ({@code xref}) or a cross-reference stream object ({@code n g obj}). That
 * rejects renamed PNG/HTML files and truncated uploads (the trailer is the last thing written)
 * without a full parse on the request path; deep parsing belongs to the processing pipeline.
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class PdfInspector {

    private static final int TAIL = 1024;
    private static final Pattern HEADER = Pattern.compile("^%PDF-[12]\\.\\d");
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,15})\\s+%%EOF");
    private static final Pattern XREF_STREAM = Pattern.compile("^\\d+\\s+\\d+\\s+obj");

    public InspectedFile inspect(Path file) throws IOException {
        long size = Files.size(file);
        return new InspectedFile(size, Sha256.of(file), size > 0 && looksLikePdf(file, size));
    }

    private static boolean looksLikePdf(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (!HEADER.matcher(read(raf, 0, 16)).find()) {
                return false;
            }
            long tailStart = Math.max(0, size - TAIL);
            Matcher trailer = STARTXREF.matcher(read(raf, tailStart, (int) (size - tailStart)));
            long offset = -1;
            while (trailer.find()) {
                offset = Long.parseLong(trailer.group(1));
            }
            if (offset <= 0 || offset >= size) {
                return false;
            }
            String target = read(raf, offset, 32);
            return target.startsWith("xref") || XREF_STREAM.matcher(target).find();
        }
    }

    private static String read(RandomAccessFile raf, long offset, int length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, raf.length() - offset)];
        raf.seek(offset);
        raf.readFully(buffer);
        return new String(buffer, StandardCharsets.ISO_8859_1);
    }
}
