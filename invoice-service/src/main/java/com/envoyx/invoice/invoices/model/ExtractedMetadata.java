package com.envoyx.invoice.invoices.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The PDF's own properties, read by processing and shown as {@code extracted.pdf} in the invoice
 * (inside {@link ExtractedContent}, stored as JSON in {@code invoices.extracted}). Names are fixed here (not left to a naming strategy) so
 * the stored JSON and the API read the same whichever ObjectMapper handles them. Info fields are
 * null when the document does not say; dates are ISO-8601 instants.
 *
 * @param flags the document rules the file failed (the processing pipeline's rule names, e.g. NO_TEXT_LAYER), empty otherwise
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
