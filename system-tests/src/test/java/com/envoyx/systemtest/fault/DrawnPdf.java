package com.envoyx.systemtest.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A long document of vector drawings and no text, written by PDFBox as a drawing program would.
 * Its processing takes a while without anything slowed on purpose: the text-layer probe finds no
 * glyph, so it reads every operator of every page (and the page count alone makes it FLAGGED).
 */
final class DrawnPdf {

    private DrawnPdf() {
    }

    /** {@code pages} A4 pages, each a grid of {@code shapes} filled rectangles. */
    static byte[] pages(int pages, int shapes) {
        try (PDDocument document = new PDDocument()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (int s = 0; s < shapes; s++) {
                        content.addRect(40 + (s % 50) * 10, 40 + (s / 50) * 7 % 760, 8, 5);
                        content.fill();
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
