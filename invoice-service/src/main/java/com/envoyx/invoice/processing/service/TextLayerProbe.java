package com.envoyx.invoice.processing.service;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Whether a document has a text layer: at least one glyph that maps to a visible character.
 * Stops at the first one, so a text PDF costs a fraction of a page; an image-only document is
 * read up to its last page to read. Glyphs without a Unicode mapping do not count: their text
 * cannot be read back, which is what "no text layer" means to a customer.
 */
final class TextLayerProbe extends PDFTextStripper {

    private TextLayerProbe(int lastPage) {
        setEndPage(lastPage);
    }

    static boolean hasText(PDDocument document, int lastPage) throws IOException {
        TextLayerProbe probe = new TextLayerProbe(lastPage);
        try {
            probe.getText(document);
            return false;
        } catch (Found found) {
            return true;
        }
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        String unicode = text.getUnicode();
        if (unicode != null && !unicode.isBlank()) {
            throw new Found();
        }
    }

    /** Unwinds the stripper at the first character; unchecked because PDFBox swallows some IOExceptions. */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }
}
