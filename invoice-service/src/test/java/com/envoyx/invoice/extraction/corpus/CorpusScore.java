package com.envoyx.invoice.extraction.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;

/**
 * Field-level scores of extractions against the corpus's truth. A value is exact when it equals
 * the truth character for character; precision is exact values over values given, recall exact
 * values over values the document has. Item tables count as exact only when every row is.
 */
public final class CorpusScore {

    private final Map<InvoiceField, int[]> counts = new EnumMap<>(InvoiceField.class);
    private final List<String> misses = new ArrayList<>();
    private int tables;
    private int exactTables;

    public CorpusScore() {
        for (InvoiceField field : InvoiceField.values()) {
            counts.put(field, new int[3]);
        }
    }

    /** Scores one document: [exact, given, expected] per field. */
    public void add(CorpusInvoice invoice, InvoiceExtraction extraction) {
        Map<InvoiceField, String> truth = invoice.truth();
        for (InvoiceField field : InvoiceField.values()) {
            int[] count = counts.get(field);
            String expected = truth.get(field);
            String actual = extraction.value(field);
            if (actual != null) {
                count[1]++;
            }
            if (expected != null) {
                count[2]++;
            }
            if (expected != null && expected.equals(actual)) {
                count[0]++;
            } else {
                misses.add(invoice.id() + " " + field.jsonName() + ": expected [" + expected + "] got [" + actual + "]");
            }
        }
        tables++;
        if (Objects.equals(invoice.truthItems(), extraction.lineItems())) {
            exactTables++;
        } else {
            misses.add(invoice.id() + " line_items: expected " + invoice.truthItems() + " got " + extraction.lineItems());
        }
    }

    /** Exact fields over all fields of all documents. */
    public double accuracy() {
        int exact = 0;
        int expected = 0;
        for (int[] count : counts.values()) {
            exact += count[0];
            expected += count[2];
        }
        return expected == 0 ? 0 : (double) exact / expected;
    }

    public double precision(InvoiceField field) {
        int[] count = counts.get(field);
        return count[1] == 0 ? 0 : (double) count[0] / count[1];
    }

    public double recall(InvoiceField field) {
        int[] count = counts.get(field);
        return count[2] == 0 ? 0 : (double) count[0] / count[2];
    }

    public double tableAccuracy() {
        return tables == 0 ? 0 : (double) exactTables / tables;
    }

    public List<String> misses() {
        return List.copyOf(misses);
    }
}
