package com.envoyx.invoice.extraction.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.envoyx.invoice.extraction.model.CheckResult;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.extraction.model.LineItem;

/**
 * The validation checks over an extraction, each a pure function answering
 * {@code {check, passed, message}}. A check that lacks the values it compares passes and says so:
 * a missing value is {@code required_fields}' to report, not every check's. Whether another
 * invoice has the same vendor and number needs the database, so {@link #notDuplicate} takes the
 * caller's answer.
 */
public final class InvoiceChecks {

    /** Amounts that differ by at most a cent agree: invoices round each line. */
    static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    private static final List<InvoiceField> REQUIRED = List.of(
            InvoiceField.INVOICE_NUMBER, InvoiceField.INVOICE_DATE, InvoiceField.VENDOR_NAME, InvoiceField.TOTAL_AMOUNT);

    private InvoiceChecks() {
    }

    /** Every check in the order the API lists them. */
    public static List<CheckResult> all(InvoiceExtraction extraction, Clock clock, boolean duplicateExists) {
        return List.of(requiredFields(extraction), totalsAddUp(extraction), lineItemsSum(extraction),
                datesConsistent(extraction, clock), notDuplicate(duplicateExists));
    }

    public static CheckResult requiredFields(InvoiceExtraction extraction) {
        List<String> missing = new ArrayList<>();
        for (InvoiceField field : REQUIRED) {
            if (extraction.value(field) == null) {
                missing.add(field.jsonName());
            }
        }
        return missing.isEmpty()
                ? new CheckResult(CheckResult.REQUIRED_FIELDS, true, "Invoice number, date, vendor and total were found.")
                : new CheckResult(CheckResult.REQUIRED_FIELDS, false, "Not found: " + String.join(", ", missing) + ".");
    }

    public static CheckResult totalsAddUp(InvoiceExtraction extraction) {
        BigDecimal subtotal = amount(extraction, InvoiceField.SUBTOTAL);
        BigDecimal tax = amount(extraction, InvoiceField.TAX_AMOUNT);
        BigDecimal total = amount(extraction, InvoiceField.TOTAL_AMOUNT);
        if (subtotal == null || total == null) {
            return new CheckResult(CheckResult.TOTALS_ADD_UP, true, "Nothing to compare: subtotal or total not found.");
        }
        BigDecimal sum = subtotal.add(tax == null ? BigDecimal.ZERO : tax);
        boolean passed = sum.subtract(total).abs().compareTo(TOLERANCE) <= 0;
        String message = passed
                ? "Subtotal " + subtotal.toPlainString() + " + tax " + plain(tax) + " = total " + total.toPlainString() + "."
                : "Subtotal " + subtotal.toPlainString() + " + tax " + plain(tax) + " = " + sum.toPlainString()
                        + ", but the total is " + total.toPlainString() + ".";
        return new CheckResult(CheckResult.TOTALS_ADD_UP, passed, message);
    }

    public static CheckResult lineItemsSum(InvoiceExtraction extraction) {
        BigDecimal subtotal = amount(extraction, InvoiceField.SUBTOTAL);
        if (extraction.lineItems().isEmpty() || subtotal == null) {
            return new CheckResult(CheckResult.LINE_ITEMS_SUM, true, "Nothing to compare: no line items or no subtotal.");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (LineItem item : extraction.lineItems()) {
            if (item.amount() != null) {
                sum = sum.add(new BigDecimal(item.amount()));
            }
        }
        boolean passed = sum.subtract(subtotal).abs().compareTo(TOLERANCE) <= 0;
        String message = passed
                ? "The " + extraction.lineItems().size() + " line items sum to the subtotal " + subtotal.toPlainString() + "."
                : "The line items sum to " + sum.toPlainString() + ", but the subtotal is " + subtotal.toPlainString() + ".";
        return new CheckResult(CheckResult.LINE_ITEMS_SUM, passed, message);
    }

    public static CheckResult datesConsistent(InvoiceExtraction extraction, Clock clock) {
        LocalDate issued = date(extraction, InvoiceField.INVOICE_DATE);
        LocalDate due = date(extraction, InvoiceField.DUE_DATE);
        LocalDate today = LocalDate.now(clock);
        if (issued != null && issued.isAfter(today)) {
            return new CheckResult(CheckResult.DATES_CONSISTENT, false, "The invoice date " + issued + " is in the future.");
        }
        if (issued != null && due != null && due.isBefore(issued)) {
            return new CheckResult(CheckResult.DATES_CONSISTENT, false,
                    "The due date " + due + " is before the invoice date " + issued + ".");
        }
        return new CheckResult(CheckResult.DATES_CONSISTENT, true, issued == null
                ? "Nothing to compare: no invoice date."
                : "The invoice date is not in the future and the due date is not before it.");
    }

    /** {@code duplicateExists}: whether the account has another invoice with the same vendor and number, as the caller's query found. */
    public static CheckResult notDuplicate(boolean duplicateExists) {
        return duplicateExists
                ? new CheckResult(CheckResult.NOT_DUPLICATE, false, "Another invoice of this account has the same vendor and number.")
                : new CheckResult(CheckResult.NOT_DUPLICATE, true, "No other invoice of this account has the same vendor and number.");
    }

    private static BigDecimal amount(InvoiceExtraction extraction, InvoiceField field) {
        String value = extraction.value(field);
        return value == null ? null : new BigDecimal(value);
    }

    private static LocalDate date(InvoiceExtraction extraction, InvoiceField field) {
        String value = extraction.value(field);
        return value == null ? null : LocalDate.parse(value);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "0" : amount.toPlainString();
    }
}
