package com.envoyx.invoice.extraction.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.extraction.corpus.Layout;
import com.envoyx.invoice.extraction.corpus.RenderedCorpus;
import com.envoyx.invoice.extraction.model.InvoiceExtraction;
import com.envoyx.invoice.extraction.model.InvoiceField;
import com.envoyx.invoice.testing.RealPdfs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class InvoiceExtractorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anImageOnlyDocumentSaysItHasNoTextLayer() throws IOException {
        InvoiceExtraction extraction = extract(RealPdfs.scannedInvoice());
        assertEquals(InvoiceExtraction.NO_TEXT_LAYER, extraction.outcome());
        assertFalse(extraction.hasTextLayer());
        assertTrue(extraction.fields().values().stream().noneMatch(field -> field.found()));
        assertEquals(List.of(), extraction.lineItems());
    }

    @Test
    void theJsonListsEveryFieldWithValueAndConfidence() throws IOException {
        RenderedCorpus.Document document = RenderedCorpus.of(Layout.LETTERHEAD_LABELS).get(0);
        JsonNode json = JSON.valueToTree(extract(document.pdf()));
        assertEquals("extracted", json.get("outcome").asText());
        assertEquals(InvoiceField.values().length, json.get("fields").size());
        for (InvoiceField field : InvoiceField.values()) {
            JsonNode value = json.get("fields").get(field.jsonName());
            assertEquals(document.invoice().truth().get(field), value.get("value").asText(), field.jsonName());
            assertTrue(value.get("confidence").asDouble() > 0.5, field.jsonName());
        }
        JsonNode item = json.get("line_items").get(0);
        assertEquals(document.invoice().truthItems().get(0).amount(), item.get("amount").asText());
        assertTrue(item.has("unit_price") && item.has("quantity") && item.has("description"));
        assertEquals(extract(document.pdf()), JSON.treeToValue(json, InvoiceExtraction.class));
    }

    @Test
    void aNotFoundFieldIsANullValue() throws IOException {
        JsonNode json = JSON.valueToTree(extract(RealPdfs.scannedInvoice()));
        assertTrue(json.get("fields").get("invoice_number").get("value").isNull());
        assertEquals(0.0, json.get("fields").get("invoice_number").get("confidence").asDouble());
    }

    private static InvoiceExtraction extract(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new InvoiceExtractor(100).extract(document);
        }
    }
}
