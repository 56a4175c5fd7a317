package com.envoyx.invoice.extraction.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document's currency from the codes and symbols its amounts carry: the most frequent mark
 * wins. A dollar sign alone is read as US dollars, the only reading this service can defend
 * without a country.
 */
final class CurrencyDetector {

    private static final Pattern MARK = Pattern.compile("(?<![A-Z])(USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN)(?![A-Z])|([$€£])");
    private static final Map<String, String> SYMBOLS = Map.of("$", "USD", "€", "EUR", "£", "GBP");

    private CurrencyDetector() {
    }

    /** The ISO 4217 code the text's amounts are in, or null when nothing marks them. */
    static String detect(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher matcher = MARK.matcher(text);
        while (matcher.find()) {
            String code = matcher.group(1) != null ? matcher.group(1) : SYMBOLS.get(matcher.group(2));
            counts.merge(code, 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The code a label's value names ("EUR", "Euro (EUR)", "€"), or null. */
    static String code(String value) {
        Matcher matcher = MARK.matcher(value.toUpperCase(Locale.ROOT));
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : SYMBOLS.get(matcher.group(2));
    }
}
