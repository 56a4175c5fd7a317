package com.envoyx.invoice.processing.service;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Whether a document has a text layer: at least one glyph that maps to a visible character.
 * Stops at the first one, so a text PDF costs a fraction of a page; an image-only document is
 * read to its end (within its {@link Deadline}). Glyphs without a Unicode mapping do not count:
 * their text cannot be read back, which is what "no text layer" means to a customer.
 */
final class TextLayerProbe extends PDFTextStripper {

    private final Deadline deadline;

    private TextLayerProbe(Deadline deadline) {
        this.deadline = deadline;
    }

    static boolean hasText(PDDocument document, Deadline deadline) throws IOException {
        TextLayerProbe probe = new TextLayerProbe(deadline);
        try {
            probe.getText(document);
            return false;
        } catch (Found found) {
            return true;
        }
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        deadline.check();
        super.processOperator(operator, operands);
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
