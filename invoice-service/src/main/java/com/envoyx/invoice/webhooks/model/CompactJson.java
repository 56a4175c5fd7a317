package com.envoyx.invoice.webhooks.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a JSON tree exactly as JavaScript's {@code JSON.stringify} writes what {@code JSON.parse}
 * made of it, so a receiver that verifies the signature over {@code JSON.stringify(req.body)} (the
 * public docs' Node.js sample) hashes the very bytes we signed. Jackson alone differs in three
 * places: control characters ({@code \u001F} where JavaScript writes {@code \u001f}), lone
 * surrogates, and the order of keys that look like array indexes (JavaScript lists those first,
 * ascending). Numbers are integers of at most 2^53, and fractions that JavaScript prints the way
 * they are written here (an extraction's confidence, such as 0.95): at most 15 significant digits,
 * so the decimal is the double's shortest form, written plainly as JavaScript writes numbers from
 * 1e-6 to 1e21. Anything else may print differently in JavaScript and is refused.
 */
public final class CompactJson {

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final long MAX_ARRAY_INDEX = 4_294_967_294L;
    /** Any decimal of up to 15 significant digits survives a round trip through a double unchanged. */
    private static final int MAX_FRACTION_DIGITS = 15;

    private CompactJson() {
    }

    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> number(node, out);
            default -> throw new IllegalArgumentException("not JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> indexes = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            (isArrayIndex(field.getKey()) ? indexes : names).add(field);
        }
        indexes.sort((a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())));
        out.append('{');
        boolean first = true;
        for (List<Map.Entry<String, JsonNode>> group : List.of(indexes, names)) {
            for (Map.Entry<String, JsonNode> field : group) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(field.getKey(), out);
                out.append(':');
                write(field.getValue(), out);
            }
        }
        out.append('}');
    }

    /** A canonical decimal below 2^32 - 1: JavaScript orders such keys first. */
    static boolean isArrayIndex(String key) {
        if (key.isEmpty() || key.length() > 10 || (key.length() > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(key) <= MAX_ARRAY_INDEX;
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (!node.isIntegralNumber()) {
            fraction(node, out);
            return;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
            throw new IllegalArgumentException("an integer beyond 2^53 prints differently in JavaScript: " + value);
        }
        out.append(value);
    }

    private static void fraction(JsonNode node, StringBuilder out) {
        double value = node.doubleValue();
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        boolean plain = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e21);
        if (!Double.isFinite(value) || !plain || decimal.precision() > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException("this number may print differently in JavaScript: " + node);
        }
        out.append(decimal.signum() == 0 ? "0" : decimal.toPlainString());
    }

    /** JSON.stringify's QuoteJSONString (ECMA-262): short escapes, lowercase \\u00xx, lone surrogates escaped. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0".repeat(4 - hex.length())).append(hex);
    }
}
