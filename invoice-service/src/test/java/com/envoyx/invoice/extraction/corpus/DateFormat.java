package com.envoyx.invoice.extraction.corpus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Date formats invoices print; the slashed ones are read by the currency's custom (US month first). */
public enum DateFormat {
    ISO("yyyy-MM-dd", Locale.ENGLISH),
    LONG_US("MMMM d, yyyy", Locale.ENGLISH),
    SHORT_UK("d MMM yyyy", Locale.ENGLISH),
    SLASH_MONTH_FIRST("MM/dd/yyyy", Locale.ENGLISH),
    SLASH_DAY_FIRST("dd/MM/yyyy", Locale.ENGLISH),
    DOTTED("dd.MM.yyyy", Locale.GERMAN),
    GERMAN_LONG("d. MMMM yyyy", Locale.GERMAN);

    private final DateTimeFormatter formatter;

    DateFormat(String pattern, Locale locale) {
        this.formatter = DateTimeFormatter.ofPattern(pattern, locale);
    }

    String format(LocalDate date) {
        return formatter.format(date);
    }
}
