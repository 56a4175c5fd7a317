package com.envoyx.invoice.extraction.corpus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generated corpus: {@link #PER_LAYOUT} invoices of every {@link Layout}, from a fixed seed so
 * every run reads the same documents, varied in currency, number style, date format, parties and
 * items. Rendering is {@link PdfBoxInvoices}' and {@link ChromiumInvoices}'.
 */
public final class InvoiceCorpus {

    public static final int PER_LAYOUT = 6;
    /** The corpus's "today": every invoice is dated before it. */
    public static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    private static final List<CorpusInvoice.Party> US_VENDORS = List.of(
            party("Northwind Traders LLC", "1200 Harbor Blvd, Suite 400", "Seattle, WA 98101"),
            party("Blue Ridge Software Inc.", "77 Market Street", "Asheville, NC 28801"),
            party("Cascade Office Supply Co.", "4410 Pine Avenue", "Portland, OR 97205"),
            party("Lakeside Print & Design", "18 Shore Road", "Madison, WI 53703"));
    private static final List<CorpusInvoice.Party> UK_VENDORS = List.of(
            party("Thames Valley Consulting Ltd", "3 Riverside Walk", "Reading RG1 8DF", "United Kingdom"),
            party("Pennine Engineering plc", "Unit 9, Mill Lane", "Leeds LS1 4AP"));
    private static final List<CorpusInvoice.Party> EU_VENDORS = List.of(
            party("Müller Feinmechanik GmbH", "Hauptstraße 12", "80331 München", "Germany"),
            party("Van der Berg Logistics B.V.", "Keizersgracht 221", "1016 DV Amsterdam"),
            party("Atelier Lumière SARL", "14 rue des Lilas", "69003 Lyon", "France"),
            party("Nordlicht Solar AG", "Am Hafen 7", "20457 Hamburg"));
    private static final List<CorpusInvoice.Party> CH_VENDORS = List.of(
            party("Alpenblick Treuhand AG", "Bahnhofstrasse 45", "8001 Zürich"),
            party("Lac Léman Horlogerie SA", "Rue du Rhône 30", "1204 Genève"));
    private static final List<CorpusInvoice.Party> CUSTOMERS = List.of(
            party("Acme Corporation", "500 Industrial Way", "Springfield, IL 62701"),
            party("Globex Holdings Ltd", "27 Kingsway", "London WC2B 6UN"),
            party("Initech Deutschland GmbH", "Friedrichstraße 88", "10117 Berlin"),
            party("Umbrella Retail SA", "Avenue Louise 54", "1050 Bruxelles", "Belgium"),
            party("Stark Industries Europe BV", "Zuidplein 100", "1077 XV Amsterdam"),
            party("Wayne Enterprises", "1007 Mountain Drive", "Gotham, NJ 07001"),
            party("Helvetia Digital GmbH", "Seestrasse 12", "6300 Zug"));
    private static final List<String> ITEMS = List.of(
            "Consulting services, March", "Annual hosting plan", "Widget type A", "Replacement filter cartridge",
            "On-site installation", "Software licence (5 seats)", "Printed brochures A4", "Freight and handling",
            "Quarterly maintenance", "Training workshop", "Stainless steel bolts M8", "Design review session",
            "Cloud storage 1 TB", "Ergonomic office chair", "Project management", "Data migration",
            "Security audit", "Spare parts kit", "Translation services", "Laptop docking station");
    private static final List<String> GERMAN_ITEMS = List.of(
            "Beratungsleistung März", "Wartungsvertrag Q2", "Montage vor Ort", "Ersatzteilpaket", "Schulung Mitarbeiter",
            "Softwarelizenz Jahresabo", "Versandkosten", "Edelstahlschrauben M8", "Projektleitung", "Datenmigration");

    private InvoiceCorpus() {
    }

    /** The truths of the whole corpus, in layout order. */
    public static List<CorpusInvoice> invoices() {
        Random random = new Random(18);
        List<CorpusInvoice> invoices = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (int index = 0; index < PER_LAYOUT; index++) {
                invoices.add(invoice(layout, index, random));
            }
        }
        return invoices;
    }

    private static CorpusInvoice invoice(Layout layout, int index, Random random) {
        String currency = layout == Layout.GERMAN ? "EUR" : List.of("USD", "EUR", "GBP", "CHF", "USD", "EUR").get(index);
        Money money = switch (currency) {
            case "EUR" -> layout == Layout.GERMAN || index % 2 == 1 ? Money.EUROPEAN : Money.US;
            case "CHF" -> Money.SWISS;
            default -> Money.US;
        };
        DateFormat dates = dateFormat(layout, currency, random);
        boolean asCode = random.nextBoolean();
        CorpusInvoice.Party vendor = switch (currency) {
            case "USD" -> pick(US_VENDORS, random);
            case "GBP" -> pick(UK_VENDORS, random);
            case "CHF" -> pick(CH_VENDORS, random);
            default -> pick(EU_VENDORS, random);
        };
        String taxId = switch (currency) {
            case "USD" -> String.format("%02d-%07d", 10 + random.nextInt(89), random.nextInt(9_999_999));
            case "GBP" -> String.format("GB%09d", random.nextInt(999_999_999));
            case "CHF" -> String.format("CHE-%03d.%03d.%03d", random.nextInt(999), random.nextInt(999), random.nextInt(999));
            default -> String.format("%s%09d", List.of("DE", "NL", "FR", "AT").get(random.nextInt(4)), random.nextInt(999_999_999));
        };
        String taxLabel = switch (currency) {
            case "USD" -> "Sales Tax";
            case "CHF" -> "MWST";
            default -> layout == Layout.GERMAN ? "MwSt." : "VAT";
        };
        BigDecimal rate = switch (currency) {
            case "USD" -> new BigDecimal(List.of("8.25", "6", "7.5").get(random.nextInt(3)));
            case "GBP" -> new BigDecimal("20");
            case "CHF" -> new BigDecimal("8.1");
            default -> new BigDecimal(List.of("19", "21", "20").get(random.nextInt(3)));
        };
        LocalDate issued = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(500));
        LocalDate due = issued.plusDays(List.of(14, 30, 45).get(random.nextInt(3)));
        int count = layout == Layout.TOTALS_ON_SECOND_PAGE ? 24 + random.nextInt(6) : 2 + random.nextInt(5);
        List<String> names = layout == Layout.GERMAN ? GERMAN_ITEMS : ITEMS;
        List<CorpusInvoice.Item> items = new ArrayList<>();
        for (int line = 0; line < count; line++) {
            BigDecimal quantity = random.nextInt(4) == 0
                    ? BigDecimal.valueOf(1 + random.nextInt(16), 0).add(new BigDecimal("0.5"))
                    : BigDecimal.valueOf(1 + random.nextInt(random.nextInt(3) == 0 ? 1500 : 12));
            BigDecimal unit = BigDecimal.valueOf(50 + random.nextInt(random.nextBoolean() ? 300_000 : 20_000), 2);
            items.add(new CorpusInvoice.Item(names.get((line + index * 3) % names.size()) + (count > names.size() ? " #" + (line + 1) : ""),
                    quantity, unit));
        }
        String number = switch (index % 4) {
            case 0 -> "INV-" + issued.getYear() + "-" + String.format("%04d", 1 + random.nextInt(9999));
            case 1 -> issued.getYear() + "/" + (100 + random.nextInt(900));
            case 2 -> "RE-" + (10_000 + random.nextInt(90_000));
            default -> "A" + String.format("%06d", random.nextInt(999_999));
        };
        CorpusInvoice.Party customer = pick(CUSTOMERS, random);
        return new CorpusInvoice(layout.name().toLowerCase() + "-" + index, layout, number, issued, due, vendor, taxId, customer,
                currency, new CorpusInvoice.Printing(money, dates, asCode), taxLabel, rate, items);
    }

    private static DateFormat dateFormat(Layout layout, String currency, Random random) {
        if (layout == Layout.GERMAN) {
            return random.nextBoolean() ? DateFormat.DOTTED : DateFormat.GERMAN_LONG;
        }
        List<DateFormat> formats = switch (currency) {
            case "USD" -> List.of(DateFormat.ISO, DateFormat.LONG_US, DateFormat.SLASH_MONTH_FIRST);
            case "CHF" -> List.of(DateFormat.DOTTED, DateFormat.ISO, DateFormat.SHORT_UK);
            default -> List.of(DateFormat.ISO, DateFormat.SHORT_UK, DateFormat.SLASH_DAY_FIRST, DateFormat.LONG_US);
        };
        return pick(formats, random);
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static CorpusInvoice.Party party(String name, String... address) {
        return new CorpusInvoice.Party(name, List.of(address));
    }
}
