package com.envoyx.invoice.invoices.model;

import java.util.List;
import java.util.Map;

import com.envoyx.invoice.extraction.model.ExtractedField;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.LineItem;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What processing read from a document, stored as JSON in {@code invoices.extracted} and shown as
 * {@code data.extracted}: the twelve fields (each {@code {value, confidence}}, every one present),
 * the item table, and the PDF's own metadata under {@code pdf}, so the invoice's contents and the
 * file's properties never share a namespace. {@code outcome} is {@code extracted}, or
 * {@code no_text_layer} for a scan (then no value was read). Names are fixed here, not left to a
 * naming strategy, so the stored JSON and the API read the same whichever ObjectMapper handles them.
 */
@JsonPropertyOrder({"outcome", "fields", "line_items", "pdf"})
public record ExtractedContent(
        @JsonProperty("outcome") String outcome,
        @JsonProperty("fields") Map<String, ExtractedField> fields,
        @JsonProperty("line_items") List<LineItem> lineItems,
        @JsonProperty("pdf") ExtractedMetadata pdf) {

    @JsonCreator
    public ExtractedContent {
        // Every field present, missing ones as {value: null}: rows stored before the fields existed read the same way.
        InvoiceExtraction complete = new InvoiceExtraction(outcome, fields, lineItems);
        fields = complete.fields();
        lineItems = complete.lineItems();
    }

    public static ExtractedContent of(InvoiceExtraction extraction, ExtractedMetadata pdf) {
        return new ExtractedContent(extraction.outcome(), extraction.fields(), extraction.lineItems(), pdf);
    }

    /** The fields and items as the extraction model reads them, for the validation checks. */
    public InvoiceExtraction extraction() {
        return new InvoiceExtraction(outcome, fields, lineItems);
    }

    public ExtractedContent withPdf(ExtractedMetadata newPdf) {
        return new ExtractedContent(outcome, fields, lineItems, newPdf);
    }
}
