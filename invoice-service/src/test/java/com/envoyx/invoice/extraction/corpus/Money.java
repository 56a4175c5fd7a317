package com.envoyx.invoice.extraction.corpus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number styles invoices print: US ({@code 1,234.56}), European ({@code 1.234,56}), Swiss ({@code 1'234.56}). */
public enum Money {
    US(',', '.'),
    EUROPEAN('.', ','),
    SWISS('\'', '.');

    private final char grouping;
    private final char decimal;

    Money(char grouping, char decimal) {
        this.grouping = grouping;
        this.decimal = decimal;
    }

    String format(BigDecimal amount) {
        return pattern("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    String quantity(BigDecimal quantity) {
        return pattern("#,##0.##").format(quantity);
    }

    String withCurrency(BigDecimal amount, String currency, boolean asCode) {
        String number = format(amount);
        if (asCode || currency.equals("CHF")) {
            return this == EUROPEAN ? number + " " + currency : currency + " " + number;
        }
        String symbol = switch (currency) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            default -> throw new IllegalArgumentException(currency);
        };
        return this == EUROPEAN ? number + " " + symbol : symbol + number;
    }

    private DecimalFormat pattern(String pattern) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(grouping);
        symbols.setDecimalSeparator(decimal);
        return new DecimalFormat(pattern, symbols);
    }
}
