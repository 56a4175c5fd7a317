import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import com.envoyx.invoice.extraction.corpus.CorpusScore;
import com.envoyx.invoice.extraction.corpus.Layout;
import com.envoyx.invoice.extraction.corpus.RenderedCorpus;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.extraction.service.InvoiceExtractor;

/**
 * Extraction benchmark, run by extraction-bench.sh: field-level precision and recall of the
 * extraction over the generated corpus (the one ExtractionCorpusTest asserts a floor on), per
 * field, per layout and overall, and the time per page of load + extract, cold (first pass) and
 * warm (after ROUNDS passes). Prints figures, asserts nothing.
 */
public class ExtractionBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long renderStart = System.nanoTime();
        List<RenderedCorpus.Document> corpus = RenderedCorpus.all();
        System.out.printf(Locale.ROOT, "corpus: %d invoices, %d pages, rendered in %.1f s%s%n", corpus.size(), pages(corpus),
                (System.nanoTime() - renderStart) / 1e9, RenderedCorpus.chromiumAvailable() ? "" : " (Chromium absent: PDFBox part only)");
        InvoiceExtractor extractor = new InvoiceExtractor(100);

        CorpusScore overall = new CorpusScore();
        List<Double> cold = new ArrayList<>();
        for (RenderedCorpus.Document document : corpus) {
            long started = System.nanoTime();
            InvoiceExtraction extraction = extract(extractor, document.pdf());
            cold.add((System.nanoTime() - started) / 1e6 / pages(List.of(document)));
            overall.add(document.invoice(), extraction);
        }
        System.out.printf(Locale.ROOT, "%n%-18s %9s %9s%n", "field", "precision", "recall");
        for (InvoiceField field : InvoiceField.values()) {
            System.out.printf(Locale.ROOT, "%-18s %8.1f%% %8.1f%%%n", field.jsonName(), 100 * overall.precision(field), 100 * overall.recall(field));
        }
        System.out.printf(Locale.ROOT, "%-18s %8.1f%% exact (all fields of all invoices)%n", "overall", 100 * overall.accuracy());
        System.out.printf(Locale.ROOT, "%-18s %8.1f%% of invoices with every row exact%n", "line_items", 100 * overall.tableAccuracy());

        System.out.printf(Locale.ROOT, "%n%-22s %9s %11s%n", "layout", "fields", "line items");
        for (Layout layout : Layout.values()) {
            CorpusScore score = new CorpusScore();
            for (RenderedCorpus.Document document : RenderedCorpus.of(layout)) {
                score.add(document.invoice(), extract(extractor, document.pdf()));
            }
            System.out.printf(Locale.ROOT, "%-22s %8.1f%% %10.1f%%%n", layout.name().toLowerCase(Locale.ROOT),
                    100 * score.accuracy(), 100 * score.tableAccuracy());
        }
        if (!overall.misses().isEmpty()) {
            System.out.println("\nmisses:");
            overall.misses().forEach(miss -> System.out.println("  " + miss));
        }

        List<Double> warm = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (RenderedCorpus.Document document : corpus) {
                long started = System.nanoTime();
                extract(extractor, document.pdf());
                if (round >= rounds / 2) {
                    warm.add((System.nanoTime() - started) / 1e6 / pages(List.of(document)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%ntime per page (load + extract, ms): cold mean %.1f p50 %.1f max %.1f; warm (%d rounds) mean %.2f p50 %.2f p95 %.2f max %.2f; target < 50%n",
                mean(cold), percentile(cold, 50), percentile(cold, 100), rounds, mean(warm), percentile(warm, 50), percentile(warm, 95),
                percentile(warm, 100));
    }

    private static InvoiceExtraction extract(InvoiceExtractor extractor, byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return extractor.extract(document);
        }
    }

    private static int pages(List<RenderedCorpus.Document> documents) throws Exception {
        int pages = 0;
        for (RenderedCorpus.Document document : documents) {
            try (PDDocument pdf = Loader.loadPDF(document.pdf())) {
                pages += pdf.getNumberOfPages();
            }
        }
        return pages;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
