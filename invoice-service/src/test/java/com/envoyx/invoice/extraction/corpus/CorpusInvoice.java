package com.envoyx.invoice.extraction.corpus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.extraction.model.LineItem;

/**
 * The truth of one generated invoice, what its PDF must read back as, and how it is printed:
 * number style, currency marks, date format. Amounts are computed here, so every invoice adds up.
 */
public record CorpusInvoice(
        String id,
        Layout layout,
        String number,
        LocalDate issued,
        LocalDate due,
        Party vendor,
        String vendorTaxId,
        Party customer,
        String currency,
        Printing printing,
        String taxLabel,
        BigDecimal taxRate,
        List<Item> items) {

    /** A party as printed: name, then its address lines (the API joins them with ", "). */
    public record Party(String name, List<String> address) {
        String joinedAddress() {
            return String.join(", ", address);
        }
    }

    public record Item(String description, BigDecimal quantity, BigDecimal unitPrice) {
        BigDecimal amount() {
            return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** How numbers, currency and dates are written on this invoice. */
    public record Printing(Money money, DateFormat dateFormat, boolean currencyAsCode) {
    }

    public BigDecimal subtotal() {
        return items.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal tax() {
        return subtotal().multiply(taxRate).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal total() {
        return subtotal().add(tax());
    }

    /** Money as printed on this invoice, with its currency mark. */
    public String price(BigDecimal amount) {
        return printing.money().withCurrency(amount, currency, printing.currencyAsCode());
    }

    /** A bare number as printed in table cells. */
    public String plain(BigDecimal amount) {
        return printing.money().format(amount);
    }

    public String quantity(BigDecimal quantity) {
        return printing.money().quantity(quantity);
    }

    public String date(LocalDate date) {
        return printing.dateFormat().format(date);
    }

    /** The same invoice under another number, e.g. a second invoice from the same vendor. */
    public CorpusInvoice withNumber(String newNumber) {
        return new CorpusInvoice(id, layout, newNumber, issued, due, vendor, vendorTaxId, customer, currency, printing,
                taxLabel, taxRate, items);
    }

    public Map<InvoiceField, String> truth() {
        Map<InvoiceField, String> truth = new EnumMap<>(InvoiceField.class);
        truth.put(InvoiceField.INVOICE_NUMBER, number);
        truth.put(InvoiceField.INVOICE_DATE, issued.toString());
        truth.put(InvoiceField.DUE_DATE, due.toString());
        truth.put(InvoiceField.VENDOR_NAME, vendor.name());
        truth.put(InvoiceField.VENDOR_ADDRESS, vendor.joinedAddress());
        truth.put(InvoiceField.VENDOR_TAX_ID, vendorTaxId);
        truth.put(InvoiceField.CUSTOMER_NAME, customer.name());
        truth.put(InvoiceField.CUSTOMER_ADDRESS, customer.joinedAddress());
        truth.put(InvoiceField.CURRENCY, currency);
        truth.put(InvoiceField.SUBTOTAL, subtotal().toPlainString());
        truth.put(InvoiceField.TAX_AMOUNT, tax().toPlainString());
        truth.put(InvoiceField.TOTAL_AMOUNT, total().toPlainString());
        return truth;
    }

    public List<LineItem> truthItems() {
        return items.stream().map(item -> new LineItem(item.description(),
                item.quantity().stripTrailingZeros().toPlainString(),
                item.unitPrice().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                item.amount().toPlainString())).toList();
    }
}
