package com.envoyx.invoice.extraction.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.extraction.model.ExtractedField;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.extraction.model.LineItem;

class InvoiceChecksTest {

    private static final Clock JUNE_30 = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);
    private static final List<LineItem> ITEMS = List.of(new LineItem("Widget", "2", "50.00", "100.00"),
            new LineItem("Gadget", "1", "23.45", "23.45"));

    @Test
    void aCompleteConsistentInvoicePassesEveryCheck() {
        List<CheckResult> checks = InvoiceChecks.all(complete(Map.of()), JUNE_30, false);
        assertEquals(List.of(CheckResult.REQUIRED_FIELDS, CheckResult.TOTALS_ADD_UP, CheckResult.LINE_ITEMS_SUM,
                CheckResult.DATES_CONSISTENT, CheckResult.NOT_DUPLICATE), checks.stream().map(CheckResult::check).toList());
        assertTrue(checks.stream().allMatch(CheckResult::passed), checks.toString());
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        CheckResult check = InvoiceChecks.requiredFields(complete(Map.of(InvoiceField.INVOICE_NUMBER, "", InvoiceField.TOTAL_AMOUNT, "")));
        assertFalse(check.passed());
        assertEquals("Not found: invoice_number, total_amount.", check.message());
    }

    @Test
    void totalsMustAddUpWithinACent() {
        assertTrue(InvoiceChecks.totalsAddUp(complete(Map.of(InvoiceField.TOTAL_AMOUNT, "146.92"))).passed());
        CheckResult off = InvoiceChecks.totalsAddUp(complete(Map.of(InvoiceField.TOTAL_AMOUNT, "146.94")));
        assertFalse(off.passed());
        assertEquals("Subtotal 123.45 + tax 23.46 = 146.91, but the total is 146.94.", off.message());
    }

    @Test
    void lineItemsMustSumToTheSubtotal() {
        CheckResult check = InvoiceChecks.lineItemsSum(complete(Map.of(InvoiceField.SUBTOTAL, "130.00")));
        assertFalse(check.passed());
        assertEquals("The line items sum to 123.45, but the subtotal is 130.00.", check.message());
        assertTrue(InvoiceChecks.lineItemsSum(InvoiceExtraction.of(fields(Map.of()), List.of())).passed());
    }

    @Test
    void theDueDateMayNotPrecedeTheIssueDateNorTheIssueDateLieAhead() {
        CheckResult early = InvoiceChecks.datesConsistent(complete(Map.of(InvoiceField.DUE_DATE, "2026-05-31")), JUNE_30);
        assertFalse(early.passed());
        assertEquals("The due date 2026-05-31 is before the invoice date 2026-06-01.", early.message());
        CheckResult future = InvoiceChecks.datesConsistent(complete(Map.of(InvoiceField.INVOICE_DATE, "2026-07-01",
                InvoiceField.DUE_DATE, "2026-07-31")), JUNE_30);
        assertFalse(future.passed());
        assertTrue(InvoiceChecks.datesConsistent(complete(Map.of(InvoiceField.INVOICE_DATE, "2026-06-30",
                InvoiceField.DUE_DATE, "2026-06-30")), JUNE_30).passed());
    }

    @Test
    void aDuplicateIsTheCallersAnswer() {
        assertFalse(InvoiceChecks.notDuplicate(true).passed());
        assertTrue(InvoiceChecks.notDuplicate(false).passed());
    }

    /** A consistent invoice (123.45 + 23.46 = 146.91), with the given values replaced ("" removes one). */
    private static InvoiceExtraction complete(Map<InvoiceField, String> changes) {
        return InvoiceExtraction.of(fields(changes), ITEMS);
    }

    private static Map<InvoiceField, ExtractedField> fields(Map<InvoiceField, String> changes) {
        Map<InvoiceField, String> values = new EnumMap<>(Map.of(InvoiceField.INVOICE_NUMBER, "INV-1", InvoiceField.INVOICE_DATE, "2026-06-01",
                InvoiceField.DUE_DATE, "2026-07-01", InvoiceField.VENDOR_NAME, "Acme", InvoiceField.SUBTOTAL, "123.45",
                InvoiceField.TAX_AMOUNT, "23.46", InvoiceField.TOTAL_AMOUNT, "146.91"));
        values.putAll(changes);
        Map<InvoiceField, ExtractedField> fields = new EnumMap<>(InvoiceField.class);
        values.forEach((field, value) -> fields.put(field, value.isEmpty() ? ExtractedField.NOT_FOUND : new ExtractedField(value, 0.9)));
        return fields;
    }
}
