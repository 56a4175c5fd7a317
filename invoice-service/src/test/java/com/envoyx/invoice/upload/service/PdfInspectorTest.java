package com.envoyx.invoice.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.invoice.testing.TestPdfs;
import com.envoyx.invoice.upload.model.InspectedFile;

class PdfInspectorTest {

    private final PdfInspector inspector = new PdfInspector();

    @TempDir
    Path dir;

    @Test
    void acceptsAWellFormedPdfAndHashesIt() throws Exception {
        byte[] pdf = TestPdfs.ofSize(200_000);
        InspectedFile file = inspector.inspect(write(pdf));
        assertTrue(file.pdf());
        assertEquals(pdf.length, file.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)), file.sha256());
    }

    @Test
    void acceptsACrossReferenceStream() throws Exception {
        String body = "%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
        int xref = body.length();
        String pdf = body + "2 0 obj\n<< /Type /XRef /Size 3 >>\nstream\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n";
        assertTrue(inspector.inspect(write(pdf.getBytes(StandardCharsets.ISO_8859_1))).pdf());
    }

    @Test
    void refusesOtherFormatsWhateverTheirName() throws Exception {
        assertFalse(inspector.inspect(write(TestPdfs.png())).pdf());
        assertFalse(inspector.inspect(write(TestPdfs.html())).pdf());
        assertFalse(inspector.inspect(write(new byte[0])).pdf());
    }

    @Test
    void refusesEveryTruncationOfAValidPdf() throws Exception {
        byte[] pdf = TestPdfs.minimal();
        for (int keep = 1; keep < pdf.length - 1; keep++) {
            assertFalse(inspector.inspect(write(TestPdfs.truncated(pdf, keep))).pdf(), "kept " + keep + " bytes");
        }
    }

    @Test
    void refusesAStartxrefPointingOutsideTheFileOrAtNoTable() throws Exception {
        String head = "%PDF-1.7\n1 0 obj\n<< >>\nendobj\n";
        assertFalse(inspector.inspect(write((head + "startxref\n999999\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1))).pdf());
        assertFalse(inspector.inspect(write((head + "startxref\n3\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1))).pdf());
    }

    @Test
    void randomBytesBehindAPdfHeaderAreRefused() throws Exception {
        Random random = new Random(20261126L);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[16 + random.nextInt(4096)];
            random.nextBytes(bytes);
            System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
            assertFalse(inspector.inspect(write(bytes)).pdf(), "seed iteration " + i);
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "upload", ".bin"), bytes);
    }
}
