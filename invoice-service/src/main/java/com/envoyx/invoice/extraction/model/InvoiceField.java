package com.envoyx.invoice.extraction.model;

/** The twelve fields read from an invoice, in the order the API lists them, with their JSON names. */
public enum InvoiceField {
    INVOICE_NUMBER("invoice_number"),
    INVOICE_DATE("invoice_date"),
    DUE_DATE("due_date"),
    VENDOR_NAME("vendor_name"),
    VENDOR_ADDRESS("vendor_address"),
    VENDOR_TAX_ID("vendor_tax_id"),
    CUSTOMER_NAME("customer_name"),
    CUSTOMER_ADDRESS("customer_address"),
    CURRENCY("currency"),
    SUBTOTAL("subtotal"),
    TAX_AMOUNT("tax_amount"),
    TOTAL_AMOUNT("total_amount");

    private final String jsonName;

    InvoiceField(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
