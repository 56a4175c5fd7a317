package com.envoyx.invoice.extraction.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CurrencyDetectorTest {

    @Test
    void symbolsAndCodesNameTheCurrency() {
        assertEquals("USD", CurrencyDetector.detect("Total $1,234.00"));
        assertEquals("EUR", CurrencyDetector.detect("Gesamt 1.234,00 €"));
        assertEquals("GBP", CurrencyDetector.detect("Total £99.00"));
        assertEquals("CHF", CurrencyDetector.detect("Total CHF 1'200.00"));
        assertEquals("EUR", CurrencyDetector.detect("Total EUR 10.00"));
    }

    @Test
    void theMostFrequentMarkWins() {
        assertEquals("EUR", CurrencyDetector.detect("Shipping $5 quoted earlier\nSubtotal €10.00\nTax €1.90\nTotal €11.90"));
    }

    @Test
    void codesInsideWordsAndUnmarkedDocumentsGiveNothing() {
        assertNull(CurrencyDetector.detect("EUROPEAN DEUR USDX 12.00"));
        assertNull(CurrencyDetector.detect("Total 12.00"));
    }

    @Test
    void aCurrencyLabelsValueIsReadAsACode() {
        assertEquals("EUR", CurrencyDetector.code("eur"));
        assertEquals("GBP", CurrencyDetector.code("Pound sterling (GBP)"));
        assertEquals("USD", CurrencyDetector.code("$"));
        assertNull(CurrencyDetector.code("local"));
    }
}
