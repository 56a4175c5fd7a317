package com.envoyx.invoice.extraction.service;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.PDDocument;

import com.envoyx.invoice.extraction.model.ExtractedField;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;

/**
 * Reads the twelve invoice fields and the item table from a document's text layer with rules
 * over positioned text: a label's value is the rest of its segment, else the segment to its
 * right, else the one below it; parties are the blocks under their labels (the vendor, when
 * unlabelled, the letterhead's largest line); the item table is found by its header's columns.
 * Plain Java and PDFBox, no container: it runs in the parse's child JVM. Confidence says which
 * rule found a value, not a probability.
 */
public final class InvoiceExtractor {

    static final double IN_SEGMENT = 0.95;
    static final double RIGHT_OF_LABEL = 0.9;
    static final double BELOW_LABEL = 0.85;
    static final double FROM_MARKS = 0.8;
    static final double LETTERHEAD = 0.7;

    private static final Pattern INVOICE_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-/._]{0,39}");
    private static final Pattern RATE = Pattern.compile("\\d+(?:[.,]\\d+)?\\s*%");
    private static final Pattern TITLE = Pattern.compile("^(?:tax\\s+)?(?:invoice|rechnung|facture|bill)$", Pattern.CASE_INSENSITIVE);
    /** An address line follows the previous one within this many font sizes. */
    private static final float BLOCK_LINE_EM = 2.2f;
    /** A value under its label sits within this many font sizes. */
    private static final float BELOW_EM = 2.6f;
    private static final float ALIGNED_POINTS = 4f;
    /** A party's name beside its label sits this close; farther is another column of the page. */
    private static final float BESIDE_POINTS = 120f;
    private static final int MAX_ADDRESS_LINES = 4;
    private static final Set<Label> AMOUNTS = Set.of(Label.SUBTOTAL, Label.TAX_AMOUNT, Label.TOTAL_AMOUNT);

    private final int maxPages;

    public InvoiceExtractor(int maxPages) {
        this.maxPages = maxPages;
    }

    /** Extracts from an open document; {@link InvoiceExtraction#noTextLayer()} when no page carries text. */
    public InvoiceExtraction extract(PDDocument document) throws IOException {
        List<TextLine> lines = PositionedTextStripper.lines(document, Math.min(maxPages, document.getNumberOfPages()));
        if (lines.isEmpty()) {
            return InvoiceExtraction.noTextLayer();
        }
        return new Reading(lines).extract();
    }

    /** One document's lines and what has been learnt of them so far. */
    private static final class Reading {

        private final List<TextLine> lines;
        private final String text;
        private final NumberStyle style;
        private final Map<InvoiceField, ExtractedField> fields = new EnumMap<>(InvoiceField.class);
        private Set<Integer> tableLines = Set.of();

        Reading(List<TextLine> lines) {
            this.lines = lines;
            this.text = lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
            this.style = AmountParser.styleOf(text);
        }

        InvoiceExtraction extract() {
            LineItemTable.Found table = LineItemTable.read(lines, style);
            tableLines = table.lines();
            ExtractedField currency = labelled(Label.CURRENCY, CurrencyDetector::code);
            if (!currency.found()) {
                String detected = CurrencyDetector.detect(text);
                currency = detected == null ? ExtractedField.NOT_FOUND : new ExtractedField(detected, FROM_MARKS);
            }
            fields.put(InvoiceField.CURRENCY, currency);
            InvoiceDates.DateOrder order = InvoiceDates.orderOf(text, currency.value());
            fields.put(InvoiceField.INVOICE_NUMBER, labelled(Label.INVOICE_NUMBER, Reading::invoiceNumber));
            fields.put(InvoiceField.INVOICE_DATE, labelled(Label.INVOICE_DATE, value -> iso(InvoiceDates.find(value, order))));
            fields.put(InvoiceField.DUE_DATE, labelled(Label.DUE_DATE, value -> iso(InvoiceDates.find(value, order))));
            fields.put(InvoiceField.VENDOR_TAX_ID, labelled(Label.VENDOR_TAX_ID, Reading::taxId));
            fields.put(InvoiceField.SUBTOTAL, labelled(Label.SUBTOTAL, this::money));
            fields.put(InvoiceField.TAX_AMOUNT, labelled(Label.TAX_AMOUNT, this::money));
            fields.put(InvoiceField.TOTAL_AMOUNT, labelled(Label.TOTAL_AMOUNT, this::money));
            Party vendor = party(Label.VENDOR).or(this::letterhead).orElse(Party.NONE);
            Party customer = party(Label.CUSTOMER).orElse(Party.NONE);
            fields.put(InvoiceField.VENDOR_NAME, vendor.name());
            fields.put(InvoiceField.VENDOR_ADDRESS, vendor.address());
            fields.put(InvoiceField.CUSTOMER_NAME, customer.name());
            fields.put(InvoiceField.CUSTOMER_ADDRESS, customer.address());
            return InvoiceExtraction.of(fields, table.items());
        }

        /**
         * The value of the best-ranked occurrence of a label that reads as a valid value: the
         * first occurrence, except for amounts, where the last wins (totals sit at the end).
         */
        private ExtractedField labelled(Label label, Function<String, String> reader) {
            ExtractedField best = ExtractedField.NOT_FOUND;
            int bestRank = Integer.MAX_VALUE;
            for (int index = 0; index < lines.size(); index++) {
                if (tableLines.contains(index)) {
                    continue;
                }
                List<Segment> segments = lines.get(index).segments();
                for (int position = 0; position < segments.size(); position++) {
                    Optional<Label.Match> match = Label.of(segments.get(position).text());
                    if (match.isEmpty() || match.get().label() != label) {
                        continue;
                    }
                    int rank = match.get().rank();
                    boolean better = rank < bestRank || (rank == bestRank && AMOUNTS.contains(label));
                    if (!better) {
                        continue;
                    }
                    ExtractedField value = valueOf(index, position, match.get().rest(), reader);
                    if (value.found()) {
                        best = value;
                        bestRank = rank;
                    }
                }
            }
            return best;
        }

        private ExtractedField valueOf(int lineIndex, int position, String rest,
                Function<String, String> reader) {
            if (!rest.isEmpty()) {
                String value = reader.apply(rest);
                if (value != null) {
                    return new ExtractedField(value, IN_SEGMENT);
                }
            }
            TextLine line = lines.get(lineIndex);
            if (position + 1 < line.segments().size()) {
                String right = line.segments().get(position + 1).text();
                String value = Label.isLabel(right) ? null : reader.apply(right);
                if (value != null) {
                    return new ExtractedField(value, RIGHT_OF_LABEL);
                }
            }
            Segment label = line.segments().get(position);
            Optional<Segment> below = below(lineIndex, label.left(), label.right(), BELOW_EM);
            if (below.isPresent() && !Label.isLabel(below.get().text())) {
                String value = reader.apply(below.get().text());
                if (value != null) {
                    return new ExtractedField(value, BELOW_LABEL);
                }
            }
            return ExtractedField.NOT_FOUND;
        }

        /** The segment on the next line that overlaps the span, if that line is close enough. */
        private Optional<Segment> below(int lineIndex, float left, float right, float em) {
            TextLine line = lines.get(lineIndex);
            if (lineIndex + 1 >= lines.size()) {
                return Optional.empty();
            }
            TextLine next = lines.get(lineIndex + 1);
            if (next.page() != line.page() || next.baseline() - line.baseline() > em * Math.max(line.fontSize(), next.fontSize())) {
                return Optional.empty();
            }
            return next.segments().stream().filter(segment -> segment.distanceTo(left, right) == 0).findFirst();
        }

        /** The last amount of the value; a rate ("19 %") is no amount, even spaced from its sign. */
        private String money(String value) {
            return AmountParser.money(AmountParser.last(RATE.matcher(value).replaceAll(""), style));
        }

        private static String invoiceNumber(String value) {
            String token = value.strip().split("\\s+")[0];
            return INVOICE_NUMBER.matcher(token).matches() && token.chars().anyMatch(Character::isDigit) ? token : null;
        }

        private static String taxId(String value) {
            String id = value.strip();
            return id.length() <= 30 && id.chars().anyMatch(Character::isDigit) ? id : null;
        }

        private static String iso(LocalDate date) {
            return date == null ? null : date.toString();
        }

        /** The block under (or beside) a party label: its first line the name, the others the address. */
        private Optional<Party> party(Label label) {
            for (int index = 0; index < lines.size(); index++) {
                if (tableLines.contains(index)) {
                    continue;
                }
                List<Segment> segments = lines.get(index).segments();
                for (int position = 0; position < segments.size(); position++) {
                    Segment segment = segments.get(position);
                    Optional<Label.Match> match = Label.of(segment.text());
                    if (match.isEmpty() || match.get().label() != label) {
                        continue;
                    }
                    String rest = match.get().rest();
                    List<String> block = new ArrayList<>();
                    float column;
                    double confidence;
                    if (!rest.isEmpty()) {
                        block.add(rest);
                        column = segment.left();
                        confidence = IN_SEGMENT;
                    } else if (position + 1 < segments.size() && !Label.isLabel(segments.get(position + 1).text())
                            && segments.get(position + 1).left() - segment.right() <= BESIDE_POINTS) {
                        block.add(segments.get(position + 1).text());
                        column = segments.get(position + 1).left();
                        confidence = RIGHT_OF_LABEL;
                    } else {
                        column = segment.left();
                        confidence = BELOW_LABEL;
                    }
                    block.addAll(column(index, column, block.isEmpty() ? MAX_ADDRESS_LINES + 1 : MAX_ADDRESS_LINES));
                    if (!block.isEmpty()) {
                        return Optional.of(Party.of(block, confidence));
                    }
                }
            }
            return Optional.empty();
        }

        /** An unlabelled vendor: the largest text near the top of the first page that is not the document's title. */
        private Optional<Party> letterhead() {
            int best = -1;
            Segment bestSegment = null;
            for (int index = 0; index < Math.min(lines.size(), 12); index++) {
                TextLine line = lines.get(index);
                if (line.page() != 1) {
                    break;
                }
                for (Segment segment : line.segments()) {
                    if (TITLE.matcher(segment.text().strip()).matches() || Label.isLabel(segment.text())) {
                        continue;
                    }
                    if (bestSegment == null || segment.fontSize() > bestSegment.fontSize() + 0.5f) {
                        best = index;
                        bestSegment = segment;
                    }
                }
            }
            if (bestSegment == null) {
                return Optional.empty();
            }
            List<String> block = new ArrayList<>();
            block.add(bestSegment.text());
            block.addAll(column(best, bestSegment.left(), MAX_ADDRESS_LINES));
            return Optional.of(Party.of(block, LETTERHEAD));
        }

        /** The segments left-aligned at {@code column} on the lines following {@code index}, up to a gap, a label or a contact line. */
        private List<String> column(int index, float column, int max) {
            List<String> block = new ArrayList<>();
            TextLine previous = lines.get(index);
            for (int next = index + 1; next < lines.size() && block.size() < max; next++) {
                TextLine line = lines.get(next);
                if (line.page() != previous.page() || line.baseline() - previous.baseline() > BLOCK_LINE_EM * line.fontSize()) {
                    break;
                }
                Optional<Segment> aligned = line.segments().stream()
                        .filter(segment -> Math.abs(segment.left() - column) <= ALIGNED_POINTS).findFirst();
                if (aligned.isEmpty()) {
                    if (line.segments().stream().anyMatch(segment -> segment.left() < column - ALIGNED_POINTS && segment.right() > column)) {
                        break;
                    }
                    continue;
                }
                if (Label.isLabel(aligned.get().text())) {
                    break;
                }
                block.add(aligned.get().text());
                previous = line;
            }
            return block;
        }
    }

    /** A vendor or customer as read: name and address, each with the confidence of the rule that found the block. */
    private record Party(ExtractedField name, ExtractedField address) {

        static final Party NONE = new Party(ExtractedField.NOT_FOUND, ExtractedField.NOT_FOUND);

        static Party of(List<String> block, double confidence) {
            ExtractedField name = new ExtractedField(block.get(0).strip(), confidence);
            ExtractedField address = block.size() > 1
                    ? new ExtractedField(String.join(", ", block.subList(1, block.size())).strip(), confidence)
                    : ExtractedField.NOT_FOUND;
            return new Party(name, address);
        }
    }
}
