package com.envoyx.invoice.extraction.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads money and quantities written the US way ({@code 1,234.56}), the European way
 * ({@code 1.234,56}) or the Swiss way ({@code 1'234.56}), with or without a currency symbol or
 * code, negative with a minus or in parentheses. A separator followed by exactly three digits is
 * ambiguous ({@code 1.234}); the document's {@link NumberStyle} decides it.
 */
public final class AmountParser {

    /** A number as invoices write it, possibly wrapped in a currency sign or code. */
    static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\w.,'/-])[-(]?(?:(?:[$€£]|USD|EUR|GBP|CHF)\\s?)?-?(\\d{1,3}(?:[.,']\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?(?![\\d%])\\)?"
                    + "(?:\\s?(?:[$€£]|USD|EUR|GBP|CHF))?");
    private static final Pattern COMMA_DECIMAL_HINT = Pattern.compile("\\d[.]?\\d*,\\d{2}(?!\\d)");
    private static final Pattern DOT_DECIMAL_HINT = Pattern.compile("\\d,?\\d*\\.\\d{2}(?!\\d)");

    private AmountParser() {
    }

    /** The style most of the document's two-decimal numbers use; dot decimals when nothing says otherwise. */
    public static NumberStyle styleOf(String text) {
        int comma = count(COMMA_DECIMAL_HINT.matcher(text));
        int dot = count(DOT_DECIMAL_HINT.matcher(text));
        return comma > dot ? NumberStyle.COMMA_DECIMAL : NumberStyle.DOT_DECIMAL;
    }

    /** The whole text as one number (currency marks allowed around it), or null. */
    public static BigDecimal parse(String text, NumberStyle style) {
        String token = text.strip();
        Matcher matcher = AMOUNT.matcher(token);
        if (!matcher.matches()) {
            return null;
        }
        return number(token, style);
    }

    /** The last number in the text that is not a percentage, or null. */
    public static BigDecimal last(String text, NumberStyle style) {
        Matcher matcher = AMOUNT.matcher(text);
        BigDecimal found = null;
        while (matcher.find()) {
            BigDecimal number = number(matcher.group(), style);
            if (number != null) {
                found = number;
            }
        }
        return found;
    }

    /** Money as the API writes it: two decimals, no grouping. */
    public static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A quantity as the API writes it: no trailing zeros ("2", "1.5"). */
    public static String quantity(BigDecimal quantity) {
        if (quantity == null) {
            return null;
        }
        BigDecimal stripped = quantity.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static BigDecimal number(String token, NumberStyle style) {
        boolean negative = token.contains("-") || (token.startsWith("(") && token.endsWith(")"));
        String digits = token.replaceAll("[^0-9.,' ]", "").strip().replace(" ", "").replace("'", "");
        if (digits.isEmpty()) {
            return null;
        }
        int lastDot = digits.lastIndexOf('.');
        int lastComma = digits.lastIndexOf(',');
        char decimal;
        if (lastDot >= 0 && lastComma >= 0) {
            decimal = lastDot > lastComma ? '.' : ',';
        } else if (lastDot < 0 && lastComma < 0) {
            decimal = 0;
        } else {
            char separator = lastDot >= 0 ? '.' : ',';
            int position = Math.max(lastDot, lastComma);
            boolean once = digits.indexOf(separator) == position;
            int after = digits.length() - position - 1;
            if (!once) {
                decimal = 0;
            } else if (after != 3) {
                decimal = separator;
            } else {
                decimal = (style == NumberStyle.COMMA_DECIMAL) == (separator == ',') ? separator : 0;
            }
        }
        String plain;
        if (decimal == 0) {
            plain = digits.replace(".", "").replace(",", "");
        } else {
            char grouping = decimal == '.' ? ',' : '.';
            plain = digits.replace(String.valueOf(grouping), "").replace(decimal, '.');
        }
        try {
            BigDecimal value = new BigDecimal(plain);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int count(Matcher matcher) {
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
