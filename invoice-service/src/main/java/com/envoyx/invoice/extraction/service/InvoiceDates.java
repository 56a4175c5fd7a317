package com.envoyx.invoice.extraction.service;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates invoices print: ISO ({@code 2026-03-05}), with the month's name in English or
 * German ({@code March 5, 2026}, {@code 5 Mar 2026}, {@code 5. März 2026}), with dots
 * ({@code 05.03.2026}, always day first) and with slashes or dashes, where {@code 05/03/2026} is
 * the 5th of March or the 3rd of May: a part above 12 decides, otherwise the document's
 * {@link DateOrder} does.
 */
public final class InvoiceDates {

    /** Which comes first in an all-numeric date whose day and month could swap. */
    public enum DateOrder {
        DAY_FIRST,
        MONTH_FIRST
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("januar", 1), Map.entry("jänner", 1),
            Map.entry("feb", 2), Map.entry("february", 2), Map.entry("februar", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("märz", 3), Map.entry("mär", 3), Map.entry("maerz", 3),
            Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("mai", 5),
            Map.entry("jun", 6), Map.entry("june", 6), Map.entry("juni", 6),
            Map.entry("jul", 7), Map.entry("july", 7), Map.entry("juli", 7),
            Map.entry("aug", 8), Map.entry("august", 8),
            Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("september", 9),
            Map.entry("oct", 10), Map.entry("october", 10), Map.entry("okt", 10), Map.entry("oktober", 10),
            Map.entry("nov", 11), Map.entry("november", 11),
            Map.entry("dec", 12), Map.entry("december", 12), Map.entry("dez", 12), Map.entry("dezember", 12));

    private static final String MONTH = "([A-Za-zäÄ]{3,9})\\.?";
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.])(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4})(?!\\d)");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+" + MONTH + ",?\\s+(\\d{4})(?!\\d)");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");

    private InvoiceDates() {
    }

    /**
     * The order a document's slashed dates follow: day first if any of them can only be read so,
     * month first if any can only be read that way, otherwise by the currency (US dollars: month first).
     */
    public static DateOrder orderOf(String text, String currency) {
        Matcher matcher = NUMERIC.matcher(text);
        while (matcher.find()) {
            if (matcher.group(2).equals(".")) {
                continue;
            }
            int first = Integer.parseInt(matcher.group(1));
            int second = Integer.parseInt(matcher.group(3));
            if (first > 12 && second <= 12) {
                return DateOrder.DAY_FIRST;
            }
            if (second > 12 && first <= 12) {
                return DateOrder.MONTH_FIRST;
            }
        }
        return "USD".equals(currency) ? DateOrder.MONTH_FIRST : DateOrder.DAY_FIRST;
    }

    /** The first date written in the text, or null. */
    public static LocalDate find(String text, DateOrder order) {
        LocalDate best = null;
        int bestAt = Integer.MAX_VALUE;
        Matcher iso = ISO.matcher(text);
        if (iso.find()) {
            LocalDate date = date(iso.group(1), iso.group(2), iso.group(3));
            if (date != null) {
                best = date;
                bestAt = iso.start();
            }
        }
        Matcher numeric = NUMERIC.matcher(text);
        if (numeric.find() && numeric.start() < bestAt) {
            boolean dayFirst = numeric.group(2).equals(".") || order == DateOrder.DAY_FIRST;
            int first = Integer.parseInt(numeric.group(1));
            int second = Integer.parseInt(numeric.group(3));
            if (first > 12) {
                dayFirst = true;
            } else if (second > 12) {
                dayFirst = false;
            }
            LocalDate date = dayFirst ? date(numeric.group(4), numeric.group(3), numeric.group(1))
                    : date(numeric.group(4), numeric.group(1), numeric.group(3));
            if (date != null) {
                best = date;
                bestAt = numeric.start();
            }
        }
        Matcher dayMonth = DAY_MONTH_YEAR.matcher(text);
        while (dayMonth.find()) {
            Integer month = month(dayMonth.group(2));
            if (month != null) {
                if (dayMonth.start() < bestAt) {
                    LocalDate date = date(dayMonth.group(3), String.valueOf(month), dayMonth.group(1));
                    if (date != null) {
                        best = date;
                        bestAt = dayMonth.start();
                    }
                }
                break;
            }
        }
        Matcher monthDay = MONTH_DAY_YEAR.matcher(text);
        while (monthDay.find()) {
            Integer month = month(monthDay.group(1));
            if (month != null) {
                if (monthDay.start() < bestAt) {
                    LocalDate date = date(monthDay.group(3), String.valueOf(month), monthDay.group(2));
                    if (date != null) {
                        best = date;
                    }
                }
                break;
            }
        }
        return best;
    }

    private static Integer month(String name) {
        return MONTHS.get(name.toLowerCase(Locale.ROOT));
    }

    private static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
