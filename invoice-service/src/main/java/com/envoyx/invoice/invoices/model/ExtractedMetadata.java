package com.envoyx.invoice.invoices.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What processing read from a document, stored as JSON in {@code invoices.extracted} and shown
 * as {@code extracted} in the invoice. Names are fixed here (not left to a naming strategy) so
 * the stored JSON and the API read the same whichever ObjectMapper handles them. Info fields are
 * null when the document does not say; dates are ISO-8601 instants.
 *
 * @param flags the validation rules the document failed (the processing pipeline's rule names), empty when PROCESSED
 */
public record ExtractedMetadata(
        @JsonProperty("page_count") int pageCount,
        @JsonProperty("pdf_version") String pdfVersion,
        @JsonProperty("has_text_layer") boolean hasTextLayer,
        @JsonProperty("encrypted") boolean encrypted,
        @JsonProperty("title") String title,
        @JsonProperty("author") String author,
        @JsonProperty("subject") String subject,
        @JsonProperty("keywords") String keywords,
        @JsonProperty("creator") String creator,
        @JsonProperty("producer") String producer,
        @JsonProperty("creation_date") String creationDate,
        @JsonProperty("modification_date") String modificationDate,
        @JsonProperty("flags") List<String> flags) {

    public ExtractedMetadata withFlags(List<String> newFlags) {
        return new ExtractedMetadata(pageCount, pdfVersion, hasTextLayer, encrypted, title, author, subject, keywords,
                creator, producer, creationDate, modificationDate, List.copyOf(newFlags));
    }
}
