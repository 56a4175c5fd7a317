package com.envoyx.invoice.extraction.service;

/**
 * Words of one line close enough to read as one phrase: a label, a value or a table cell. A gap
 * wider than a few spaces ends a segment, which is how columns show in a text layer. The font size
 * is the largest of its words.
 */
record Segment(String text, float left, float right, float fontSize) {

    float center() {
        return (left + right) / 2;
    }

    /** Horizontal distance to another span: 0 when they overlap. */
    float distanceTo(float otherLeft, float otherRight) {
        if (right < otherLeft) {
            return otherLeft - right;
        }
        if (otherRight < left) {
            return left - otherRight;
        }
        return 0;
    }
}
