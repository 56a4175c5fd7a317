package com.envoyx.auth.dashboard.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One invoice with what processing found, read generically from invoice-service's view so the page
 * works whether or not the view has grown its extraction yet: {@code extracted.fields}
 * ({name: {value, confidence}}), {@code extracted.line_items}, {@code validation} ([{check,
 * passed, message}]) are shown when present; every other member of {@code extracted} (the PDF's
 * own facts: pages, producer...) is listed as a document fact, nested objects one level deep.
 */
public record InvoiceDetail(InvoiceRow invoice, List<Field> fields, List<LineItem> lineItems, List<Check> checks,
        List<Fact> facts) {

    /** A field's value and the extractor's confidence in it, 0-100 %; value "Not found" when null. */
    public record Field(String name, String label, String value, boolean found, String confidence) {
    }

    public record LineItem(String description, String quantity, String unitPrice, String amount) {
    }

    public record Check(String check, String label, boolean passed, String message) {
    }

    public record Fact(String name, String value) {
    }

    static InvoiceDetail of(JsonNode invoice) {
        JsonNode extracted = invoice.path("extracted");
        List<Field> fields = new ArrayList<>();
        extracted.path("fields").properties().forEach(entry -> fields.add(field(entry)));
        List<LineItem> lines = new ArrayList<>();
        extracted.path("line_items").forEach(line -> lines.add(new LineItem(text(line.path("description")),
                text(line.path("quantity")), text(line.path("unit_price")), text(line.path("amount")))));
        List<Check> checks = new ArrayList<>();
        invoice.path("validation").forEach(check -> checks.add(new Check(check.path("check").asText(),
                label(check.path("check").asText()), check.path("passed").asBoolean(), text(check.path("message")))));
        List<Fact> facts = new ArrayList<>();
        extracted.properties().forEach(entry -> {
            if (!"fields".equals(entry.getKey()) && !"line_items".equals(entry.getKey())) {
                facts(label(entry.getKey()), entry.getValue(), facts);
            }
        });
        return new InvoiceDetail(InvoiceRow.of(invoice), fields, lines, checks, facts);
    }

    private static Field field(Map.Entry<String, JsonNode> entry) {
        JsonNode value = entry.getValue().path("value");
        JsonNode confidence = entry.getValue().path("confidence");
        boolean found = !value.isMissingNode() && !value.isNull();
        return new Field(entry.getKey(), label(entry.getKey()), found ? value.asText() : "Not found", found,
                confidence.isNumber() ? percent(confidence.asDouble()) : "");
    }

    private static void facts(String name, JsonNode value, List<Fact> facts) {
        if (value.isObject()) {
            value.properties().forEach(entry -> {
                if (!entry.getValue().isContainerNode()) {
                    facts.add(new Fact(name + ": " + label(entry.getKey()), scalar(entry.getValue())));
                }
            });
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(scalar(item)));
            facts.add(new Fact(name, items.isEmpty() ? "None" : String.join(", ", items)));
        } else if (!value.isNull()) {
            facts.add(new Fact(name, scalar(value)));
        }
    }

    private static String scalar(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    /** Confidence 0..1 as a whole percentage; a number above 1 is taken as a percentage already. */
    static String percent(double confidence) {
        double share = confidence > 1 ? confidence / 100 : confidence;
        return String.format(Locale.ROOT, "%d %%", Math.round(share * 100));
    }

    /** {@code vendor_tax_id} -> "Vendor tax id": wire names, readable. */
    static String label(String name) {
        String words = name.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
