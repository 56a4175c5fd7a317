package com.envoyx.invoice.extraction.service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The words sharing one baseline on one page, split into segments at the wide gaps. */
record TextLine(int page, float baseline, float fontSize, List<Segment> segments) {

    /** A gap of more than this many font sizes separates two segments; a word space is about a quarter. */
    private static final float SEGMENT_GAP_EM = 0.8f;

    static TextLine of(List<Word> words) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        float left = 0;
        float right = 0;
        float size = 0;
        float segmentSize = 0;
        for (Word word : words) {
            size = Math.max(size, word.fontSize());
            if (text.length() > 0 && word.left() - right > SEGMENT_GAP_EM * word.fontSize()) {
                segments.add(new Segment(text.toString(), left, right, segmentSize));
                text.setLength(0);
                segmentSize = 0;
            }
            segmentSize = Math.max(segmentSize, word.fontSize());
            if (text.length() == 0) {
                left = word.left();
            } else {
                text.append(' ');
            }
            text.append(word.text());
            right = word.right();
        }
        if (text.length() > 0) {
            segments.add(new Segment(text.toString(), left, right, segmentSize));
        }
        return new TextLine(words.get(0).page(), words.get(0).baseline(), size, List.copyOf(segments));
    }

    String text() {
        return segments.stream().map(Segment::text).collect(Collectors.joining(" "));
    }
}
