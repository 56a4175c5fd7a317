package com.envoyx.invoice.extraction.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,234.56|DOT_DECIMAL|1234.56",
            "1.234,56|COMMA_DECIMAL|1234.56",
            "1.234,56|DOT_DECIMAL|1234.56",
            "1'234.56|DOT_DECIMAL|1234.56",
            "$1,234.56|DOT_DECIMAL|1234.56",
            "€ 1.234,56|COMMA_DECIMAL|1234.56",
            "1.234,56 €|COMMA_DECIMAL|1234.56",
            "EUR 99.00|DOT_DECIMAL|99.00",
            "CHF 12'000.05|DOT_DECIMAL|12000.05",
            "£0.99|DOT_DECIMAL|0.99",
            "12,5|COMMA_DECIMAL|12.5",
            "1,234,567.89|DOT_DECIMAL|1234567.89",
            "1.234.567,89|COMMA_DECIMAL|1234567.89",
            "(12.50)|DOT_DECIMAL|-12.50",
            "-7.25|DOT_DECIMAL|-7.25",
            "42|DOT_DECIMAL|42"})
    void readsEveryStyle(String text, NumberStyle style, String expected) {
        assertEquals(new BigDecimal(expected), AmountParser.parse(text, style));
    }

    @Test
    void aSeparatorBeforeThreeDigitsFollowsTheDocumentsStyle() {
        assertEquals(new BigDecimal("1234"), AmountParser.parse("1,234", NumberStyle.DOT_DECIMAL));
        assertEquals(new BigDecimal("1.234"), AmountParser.parse("1,234", NumberStyle.COMMA_DECIMAL));
        assertEquals(new BigDecimal("1234"), AmountParser.parse("1.234", NumberStyle.COMMA_DECIMAL));
        assertEquals(new BigDecimal("1.234"), AmountParser.parse("1.234", NumberStyle.DOT_DECIMAL));
    }

    @Test
    void wordsPercentagesAndIdentifiersAreNoAmounts() {
        assertNull(AmountParser.parse("20%", NumberStyle.DOT_DECIMAL));
        assertNull(AmountParser.parse("Widget", NumberStyle.DOT_DECIMAL));
        assertNull(AmountParser.parse("INV-1001", NumberStyle.DOT_DECIMAL));
        assertNull(AmountParser.last("see note", NumberStyle.DOT_DECIMAL));
    }

    @Test
    void theLastAmountOfALineSkipsItsRate() {
        assertEquals(new BigDecimal("200.00"), AmountParser.last("VAT 20% 200.00", NumberStyle.DOT_DECIMAL));
        assertEquals(new BigDecimal("1900.00"), AmountParser.last("MwSt. 19 % 1.900,00 €", NumberStyle.COMMA_DECIMAL));
    }

    @Test
    void theDocumentsStyleIsWhatMostOfItsTwoDecimalNumbersUse() {
        assertEquals(NumberStyle.COMMA_DECIMAL, AmountParser.styleOf("Zwischensumme 1.234,56\nMwSt. 234,57\nGesamt 1.469,13"));
        assertEquals(NumberStyle.DOT_DECIMAL, AmountParser.styleOf("Subtotal 1,234.56\nTax 98.77\nTotal 1,333.33"));
        assertEquals(NumberStyle.DOT_DECIMAL, AmountParser.styleOf("no numbers"));
    }

    @Test
    void moneyHasTwoDecimalsAndQuantitiesNone() {
        assertEquals("1234.50", AmountParser.money(new BigDecimal("1234.5")));
        assertEquals("2", AmountParser.quantity(new BigDecimal("2.00")));
        assertEquals("1.5", AmountParser.quantity(new BigDecimal("1.50")));
        assertEquals("1500", AmountParser.quantity(new BigDecimal("1.5E+3")));
        assertNull(AmountParser.money(null));
    }
}
