package com.envoyx.invoice.extraction.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words invoices put before a value, in English and German, each matched at the start of a
 * segment and ending at a word boundary, so that "Subtotal" is never "Total" and "Tax ID" is
 * never "Tax". Earlier entries of a kind are the more specific ("Total due" before "Total").
 */
enum Label {
    INVOICE_NUMBER("invoice\\s*(?:number|no\\.?|nr\\.?|#|id)", "inv\\.?\\s*(?:no\\.?|#)", "rechnungs?-?\\s*(?:nummer|nr\\.?)", "bill\\s*(?:number|no\\.?)",
            "document\\s*(?:number|no\\.?)", "reference", "ref\\.?"),
    INVOICE_DATE("invoice\\s*date", "date\\s*of\\s*issue", "issue\\s*date", "date\\s*issued", "issued(?:\\s*on)?", "billing\\s*date",
            "rechnungsdatum", "date", "datum"),
    DUE_DATE("due\\s*date", "payment\\s*due(?:\\s*date)?", "due\\s*by", "due\\s*on", "pay\\s*by", "f[äa]llig(?:keitsdatum|\\s*am)?",
            "zahlbar\\s*bis", "zahlungsziel", "due"),
    VENDOR_TAX_ID("vat\\s*(?:reg(?:istration)?\\.?\\s*)?(?:no\\.?|number|id|#)", "tax\\s*(?:id|no\\.?|number|reg(?:istration)?\\.?\\s*no\\.?)", "ein",
            "ust-?\\s*id(?:nr\\.?|-nr\\.?)?", "uid(?:-?nr\\.?)?", "steuer-?\\s*nr\\.?", "abn", "gst\\s*(?:no\\.?|number)"),
    CURRENCY("currency", "w[äa]hrung"),
    SUBTOTAL("sub-?\\s*total", "net\\s*(?:amount|total)", "total\\s*net", "total\\s*excl\\.?(?:\\s*(?:vat|tax))?", "amount\\s*before\\s*tax",
            "zwischensumme", "nettobetrag", "summe\\s*netto", "netto"),
    TAX_AMOUNT("(?:sales\\s*)?tax(?:\\s*amount)?", "vat(?:\\s*amount)?", "gst", "mwst\\.?", "ust\\.?", "umsatzsteuer", "mehrwertsteuer"),
    TOTAL_AMOUNT("total\\s*due", "amount\\s*due", "balance\\s*due", "grand\\s*total", "total\\s*amount", "total\\s*incl\\.?(?:\\s*(?:vat|tax))?",
            "invoice\\s*total", "gesamtbetrag", "rechnungsbetrag", "endbetrag", "summe\\s*brutto", "total", "gesamt"),
    VENDOR("from", "vendor", "supplier", "seller", "bill\\s*from", "issued\\s*by", "sold\\s*by", "remit\\s*to", "lieferant", "absender"),
    CUSTOMER("bill(?:ed)?\\s*to", "invoice\\s*to", "sold\\s*to", "customer", "client", "to", "buyer", "rechnungsempf[äa]nger", "kunde"),
    /** Lines that end an address block: contact details and bank data are not part of an address. */
    CONTACT("e-?mail", "phone", "tel\\.?", "telefon", "fax", "web(?:site)?", "www\\.\\S+", "iban", "bic", "swift", "bank", "account",
            "contact", "attn\\.?", "attention");

    /** A percentage or rate annotation after a tax label, "(20%)", "20 %", "@ 8.25%", "incl." */
    private static final String ANNOTATION = "(?:\\s*(?:@\\s*)?\\(?\\s*\\d+(?:[.,]\\d+)?\\s*%\\s*\\)?)?(?:\\s*\\((?:[^)]{0,20})\\))?";

    private final List<Pattern> patterns;

    Label(String... alternatives) {
        this.patterns = Arrays.stream(alternatives)
                .map(alternative -> Pattern.compile("^(?:" + alternative + ")" + ANNOTATION + "(?=$|[\\s:#.,(])\\s*[:#.]?\\s*(.*)$",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    /** What follows this label in the segment (possibly empty), or empty when the segment does not start with it; with its rank, 0 most specific. */
    Optional<Match> match(String segment) {
        for (int rank = 0; rank < patterns.size(); rank++) {
            Matcher matcher = patterns.get(rank).matcher(segment.strip());
            if (matcher.matches()) {
                return Optional.of(new Match(this, rank, matcher.group(1).strip()));
            }
        }
        return Optional.empty();
    }

    /**
     * The label a segment starts with; when several fit ("Tax ID: 12-345" is both a tax label and a
     * tax-id label) the one that reads the most of it.
     */
    static Optional<Match> of(String segment) {
        Match best = null;
        for (Label label : values()) {
            Optional<Match> match = label.match(segment);
            if (match.isPresent() && (best == null || match.get().rest().length() < best.rest().length())) {
                best = match.get();
            }
        }
        return Optional.ofNullable(best);
    }

    static boolean isLabel(String segment) {
        return of(segment).isPresent();
    }

    record Match(Label label, int rank, String rest) {
    }
}
