package com.envoyx.invoice.extraction.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDFBox's text stripper, kept for its word detection (spaces inferred from glyph gaps, which
 * browsers' PDFs need since they often draw no space glyphs) but answering words with positions
 * instead of a string, then grouped into lines by baseline.
 */
final class PositionedTextStripper extends PDFTextStripper {

    /** Baselines closer than this share a line: drawn text of one line sits on one baseline, give or take rounding. */
    private static final float SAME_LINE_POINTS = 2.0f;

    private final List<Word> words = new ArrayList<>();

    private PositionedTextStripper(int lastPage) {
        setSortByPosition(true);
        setEndPage(lastPage);
    }

    static List<TextLine> lines(PDDocument document, int lastPage) throws IOException {
        PositionedTextStripper stripper = new PositionedTextStripper(lastPage);
        stripper.getText(document);
        return group(stripper.words);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        if (positions.isEmpty() || text.isBlank()) {
            return;
        }
        TextPosition first = positions.get(0);
        TextPosition last = positions.get(positions.size() - 1);
        float size = 0;
        for (TextPosition position : positions) {
            size = Math.max(size, position.getFontSizeInPt());
        }
        words.add(new Word(text.strip(), first.getXDirAdj(), last.getXDirAdj() + last.getWidthDirAdj(),
                first.getYDirAdj(), size > 0 ? size : first.getHeightDir(), getCurrentPageNo()));
    }

    private static List<TextLine> group(List<Word> words) {
        List<Word> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(Word::page).thenComparing(Word::baseline).thenComparing(Word::left));
        List<TextLine> lines = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        for (Word word : sorted) {
            if (!current.isEmpty()) {
                Word anchor = current.get(0);
                if (anchor.page() != word.page() || word.baseline() - anchor.baseline() > SAME_LINE_POINTS) {
                    lines.add(line(current));
                    current = new ArrayList<>();
                }
            }
            current.add(word);
        }
        if (!current.isEmpty()) {
            lines.add(line(current));
        }
        return lines;
    }

    private static TextLine line(List<Word> words) {
        words.sort(Comparator.comparing(Word::left));
        return TextLine.of(words);
    }
}
