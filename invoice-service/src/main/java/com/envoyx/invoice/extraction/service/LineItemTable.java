package com.envoyx.invoice.extraction.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.envoyx.invoice.extraction.model.LineItem;

/**
 * Finds the item table by its header (a line naming at least a description, an amount and one
 * more of quantity and unit price) and reads the rows below it, each cell going to the header
 * column it sits under or nearest to: rules drawn around cells are not text and do not matter,
 * alignment does. The table ends at the first totals label or the first line that is neither a
 * row nor the continuation of a wrapped description.
 */
final class LineItemTable {

    enum Column {
        DESCRIPTION("description|item(?:s)?|service(?:s)?|product(?:s)?|details|article|bezeichnung|beschreibung|leistung|artikel"),
        QUANTITY("qty\\.?|quantity|hours|hrs\\.?|units|menge|anzahl|anz\\.?"),
        UNIT_PRICE("unit\\s*price|price|rate|unit\\s*cost|each|einzelpreis|preis"),
        AMOUNT("amount|total|line\\s*total|betrag|gesamt|gesamtpreis|summe");

        private final Pattern header;

        Column(String header) {
            this.header = Pattern.compile("^(?:" + header + ")(?:\\s*\\([^)]*\\))?$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    private static final Set<Label> TOTALS = Set.of(Label.SUBTOTAL, Label.TAX_AMOUNT, Label.TOTAL_AMOUNT);
    /** A wrapped description continues within this many font sizes below its row. */
    private static final float WRAP_EM = 1.8f;

    /** The rows read and the indexes of the lines the table covers, header included. */
    record Found(List<LineItem> items, Set<Integer> lines) {
    }

    private LineItemTable() {
    }

    static Found read(List<TextLine> lines, NumberStyle style) {
        for (int index = 0; index < lines.size(); index++) {
            Optional<Map<Column, Segment>> header = header(lines.get(index));
            if (header.isPresent()) {
                return rows(lines, index, header.get(), style);
            }
        }
        return new Found(List.of(), Set.of());
    }

    private static Optional<Map<Column, Segment>> header(TextLine line) {
        Map<Column, Segment> columns = new EnumMap<>(Column.class);
        for (Segment segment : line.segments()) {
            for (Column column : Column.values()) {
                if (!columns.containsKey(column) && column.header.matcher(segment.text().strip()).matches()) {
                    columns.put(column, segment);
                    break;
                }
            }
        }
        boolean table = columns.size() >= 3 && columns.containsKey(Column.DESCRIPTION) && columns.containsKey(Column.AMOUNT);
        return table ? Optional.of(columns) : Optional.empty();
    }

    private static Found rows(List<TextLine> lines, int headerIndex, Map<Column, Segment> header, NumberStyle style) {
        List<LineItem> items = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        covered.add(headerIndex);
        TextLine previous = lines.get(headerIndex);
        for (int index = headerIndex + 1; index < lines.size(); index++) {
            TextLine line = lines.get(index);
            Optional<Label.Match> label = Label.of(line.segments().get(0).text());
            if (label.isPresent() && TOTALS.contains(label.get().label())) {
                break;
            }
            Map<Column, String> cells = cells(line, header);
            BigDecimal amount = cells.containsKey(Column.AMOUNT) ? AmountParser.parse(cells.get(Column.AMOUNT), style) : null;
            String description = cells.get(Column.DESCRIPTION);
            if (amount != null && description != null) {
                BigDecimal quantity = number(cells.get(Column.QUANTITY), style);
                BigDecimal unitPrice = number(cells.get(Column.UNIT_PRICE), style);
                items.add(new LineItem(description, AmountParser.quantity(quantity), AmountParser.money(unitPrice),
                        AmountParser.money(amount)));
                covered.add(index);
                previous = line;
            } else if (!items.isEmpty() && cells.size() == 1 && description != null && line.page() == previous.page()
                    && line.baseline() - previous.baseline() <= WRAP_EM * line.fontSize()) {
                LineItem last = items.remove(items.size() - 1);
                items.add(new LineItem(last.description() + " " + description, last.quantity(), last.unitPrice(), last.amount()));
                covered.add(index);
                previous = line;
            } else {
                break;
            }
        }
        return new Found(items, covered);
    }

    private static BigDecimal number(String cell, NumberStyle style) {
        return cell == null ? null : AmountParser.parse(cell, style);
    }

    /** Each segment under the header column nearest to it; two segments under one column are one cell. */
    private static Map<Column, String> cells(TextLine line, Map<Column, Segment> header) {
        Map<Column, String> cells = new EnumMap<>(Column.class);
        for (Segment segment : line.segments()) {
            Column nearest = null;
            float nearestDistance = Float.MAX_VALUE;
            for (Map.Entry<Column, Segment> column : header.entrySet()) {
                Segment heading = column.getValue();
                float distance = segment.distanceTo(heading.left(), heading.right()) * 1000
                        + Math.abs(segment.center() - heading.center());
                if (distance < nearestDistance) {
                    nearestDistance = distance;
                    nearest = column.getKey();
                }
            }
            cells.merge(nearest, segment.text(), (a, b) -> a + " " + b);
        }
        return cells;
    }
}
