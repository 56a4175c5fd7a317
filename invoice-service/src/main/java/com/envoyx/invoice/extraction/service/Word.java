package com.envoyx.invoice.extraction.service;

/**
 * One word as PDFBox placed it: its text, its left and right edges and its baseline in points from
 * the page's top-left corner (rotation already applied), its font size and its page (from 1).
 */
record Word(String text, float left, float right, float baseline, float fontSize, int page) {
}
