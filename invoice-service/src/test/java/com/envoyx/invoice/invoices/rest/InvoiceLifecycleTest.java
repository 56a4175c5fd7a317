package com.envoyx.invoice.invoices.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.PipelineProfile;
import com.envoyx.invoice.testing.RealPdfs;
import com.envoyx.invoice.testing.RecordedInvoiceEvents;
import com.envoyx.invoice.testing.TestSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * An invoice's whole life over the public API with the pipeline on: real PDFs drawn by PDFBox
 * (the extraction corpus' first invoice), uploaded behind the real key chain, read, checked and
 * judged by the running pipeline; the stages in order on a WebSocket; manual review and its 409s.
 */
@QuarkusTest
@TestProfile(PipelineProfile.class)
@WithTestResource(LiveServicesResource.class)
class InvoiceLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DAMAGED =
            "The PDF is damaged and cannot be read; export or scan it again and upload the new file.";
    private static final List<String> CHECKS = List.of("required_fields", "totals_add_up", "line_items_sum",
            "dates_consistent", "not_duplicate");

    @TestHTTPResource("/api/v1/ws")
    URI http;
    @Inject
    RecordedInvoiceEvents events;
    @Inject
    ObjectMapper json;

    private String key;

    @BeforeEach
    void newKey() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        key = account.createKey("Lifecycle test").key();
        account.setLimits(account.createKey("unused").id(), Map.of("requests_per_minute", 1000));
    }

    @Test
    void aReadableInvoiceIsExtractedValidatedAndProcessedWithTheStagesInOrderOnTheSocket() throws IOException {
        String id;
        try (TestSocket socket = TestSocket.open(ws(), Map.of())) {
            id = upload("march.pdf", RealPdfs.textInvoice(1));
            List<JsonNode> received = untilTerminal(socket, id);
            assertEquals(List.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.validated",
                    "invoice.processed"), received.stream().map(e -> e.path("event").asText()).toList());
            JsonNode extracted = received.get(2).path("data");
            assertEquals("PROCESSING", extracted.path("status").asText());
            assertEquals(RealPdfs.NUMBER, extracted.at("/fields/invoice_number/value").asText());
            assertEquals(RealPdfs.TOTAL, extracted.at("/fields/total_amount/value").asText());
            assertTrue(extracted.at("/fields/invoice_number/confidence").asDouble() > 0.5, extracted.toString());
            assertTrue(extracted.path("line_items").size() > 0, extracted.toString());
            JsonNode validated = received.get(3).path("data");
            List<String> names = new ArrayList<>();
            validated.path("validation").forEach(check -> {
                names.add(check.path("check").asText());
                assertTrue(check.path("passed").asBoolean(), check.toString());
            });
            assertEquals(CHECKS, names);
            assertEquals("PROCESSED", received.get(4).at("/data/status").asText());
        }
        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("code", equalTo("INVOICE_FETCHED"))
                .body("data.status", equalTo("PROCESSED"))
                .body("data.processed_at", notNullValue())
                .body("data.extracted.outcome", equalTo("extracted"))
                .body("data.extracted.fields.invoice_number.value", equalTo(RealPdfs.NUMBER))
                .body("data.extracted.fields.vendor_name.value", equalTo(RealPdfs.VENDOR))
                .body("data.extracted.fields.invoice_date.value", equalTo(RealPdfs.ISSUED.toString()))
                .body("data.extracted.fields.total_amount.value", equalTo(RealPdfs.TOTAL))
                .body("data.extracted.fields", hasKey("vendor_tax_id"))
                .body("data.extracted.fields.keySet().size()", equalTo(12))
                .body("data.extracted.line_items[0]", hasKey("unit_price"))
                .body("data.extracted.pdf.page_count", equalTo(1))
                .body("data.extracted.pdf.title", equalTo(RealPdfs.TITLE))
                .body("data.validation.check", equalTo(CHECKS))
                .body("data.validation.passed", everyItem(equalTo(true)))
                .body("data.error_message", nullValue());
    }

    @Test
    void theSameInvoiceUploadedAgainIsFlaggedAsADuplicateAndAnotherNumberIsNot() throws IOException {
        String first = upload("a.pdf", RealPdfs.textInvoice(1));
        events.await(UUID.fromString(first), InvoiceEventType.PROCESSED, WAIT);
        try (TestSocket socket = TestSocket.open(ws(), Map.of())) {
            String again = upload("a-again.pdf", RealPdfs.textInvoice(1));
            List<JsonNode> received = untilTerminal(socket, again);
            JsonNode flagged = received.get(received.size() - 1);
            assertEquals("invoice.flagged", flagged.path("event").asText(), received.toString());
            assertEquals(List.of("not_duplicate"), List.of(flagged.at("/data/flags/0").asText()));
            assertEquals(1, flagged.at("/data/flags").size());
            assertTrue(flagged.at("/data/error_message").asText().contains("not_duplicate"), flagged.toString());
            api().when().get("/api/v1/invoices/" + again).then().statusCode(200)
                    .body("data.status", equalTo("FLAGGED"))
                    .body("data.error_message", containsString("Failed check not_duplicate"))
                    .body("data.validation.find { it.check == 'not_duplicate' }.passed", equalTo(false))
                    .body("data.validation.findAll { it.passed == false }.size()", equalTo(1))
                    .body("data.processed_at", notNullValue());
        }
        String other = upload("b.pdf", RealPdfs.textInvoice(1, "INV-2026-0999"));
        events.await(UUID.fromString(other), InvoiceEventType.PROCESSED, WAIT);
        api().when().get("/api/v1/invoices/" + first).then().statusCode(200).body("data.status", equalTo("PROCESSED"));
    }

    @Test
    void aScanIsFlaggedNoTextLayerWithoutChecksAndAnUnreadableFileFailsWithAMessage() throws IOException {
        try (TestSocket socket = TestSocket.open(ws(), Map.of())) {
            String scan = upload("scan.pdf", RealPdfs.scannedInvoice());
            List<JsonNode> received = untilTerminal(socket, scan);
            assertEquals(List.of("invoice.uploaded", "invoice.processing", "invoice.extracted", "invoice.flagged"),
                    received.stream().map(e -> e.path("event").asText()).toList());
            assertEquals("no_text_layer", received.get(3).at("/data/flags/0").asText());

            String damaged = upload("damaged.pdf", RealPdfs.damagedInside());
            List<JsonNode> failed = untilTerminal(socket, damaged);
            assertEquals(List.of("invoice.uploaded", "invoice.processing", "invoice.failed"),
                    failed.stream().map(e -> e.path("event").asText()).toList());
            assertEquals(DAMAGED, failed.get(2).at("/data/error_message").asText());
            api().when().get("/api/v1/invoices/" + damaged).then().statusCode(200)
                    .body("data.status", equalTo("FAILED"))
                    .body("data.error_message", equalTo(DAMAGED))
                    .body("data.processed_at", notNullValue())
                    .body("data", not(hasKey("validation")));
        }
    }

    @Test
    void reviewDecisionsFollowTheStatusesWhereTheyMakeSenseAndAreAnnounced() throws IOException {
        String processed = upload("p.pdf", RealPdfs.textInvoice(1, "R-1"));
        events.await(UUID.fromString(processed), InvoiceEventType.PROCESSED, WAIT);
        String flagged = upload("f.pdf", RealPdfs.scannedInvoice());
        events.await(UUID.fromString(flagged), InvoiceEventType.FLAGGED, WAIT);
        String rejected = upload("r.pdf", RealPdfs.textInvoice(1, "R-2"));
        events.await(UUID.fromString(rejected), InvoiceEventType.PROCESSED, WAIT);

        try (TestSocket socket = TestSocket.open(ws(), Map.of())) {
            refused(flagged, "PAID", "FLAGGED");
            decide(flagged, "APPROVED");
            assertEquals("invoice.approved", event(socket.next(), flagged));
            decide(flagged, "PAID");
            assertEquals("invoice.paid", event(socket.next(), flagged));
            refused(flagged, "REJECTED", "PAID");
            refused(flagged, "APPROVED", "PAID");

            decide(processed, "PAID");
            assertEquals("invoice.paid", event(socket.next(), processed));

            decide(rejected, "APPROVED");
            assertEquals("invoice.approved", event(socket.next(), rejected));
            decide(rejected, "REJECTED");
            assertEquals("invoice.rejected", event(socket.next(), rejected));
            refused(rejected, "APPROVED", "REJECTED");
            refused(rejected, "REJECTED", "REJECTED");
            api().contentType(ContentType.JSON).body(Map.of("status", "PROCESSED"))
                    .when().patch("/api/v1/invoices/" + rejected + "/status").then().statusCode(409)
                    .body("code", equalTo("INVALID_STATUS_TRANSITION"));
            assertEquals(0, socket.pending(), "a refused change announces nothing");
        }
    }

    private void decide(String id, String status) {
        api().contentType(ContentType.JSON).body(Map.of("status", status))
                .when().patch("/api/v1/invoices/" + id + "/status").then().statusCode(200)
                .body("code", equalTo("INVOICE_STATUS_UPDATED"))
                .body("message", equalTo("Invoice status updated successfully"))
                .body("data.status", equalTo(status))
                .body("data.processed_at", notNullValue());
    }

    private void refused(String id, String status, String from) {
        api().contentType(ContentType.JSON).body(Map.of("status", status))
                .when().patch("/api/v1/invoices/" + id + "/status").then().statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("INVALID_STATUS_TRANSITION"))
                .body("message", containsString("An invoice in status " + from + " cannot be set to " + status));
    }

    /** The socket's events of one invoice up to its terminal one (processed, flagged or failed). */
    private List<JsonNode> untilTerminal(TestSocket socket, String id) throws IOException {
        List<JsonNode> received = new ArrayList<>();
        while (true) {
            JsonNode event = json.readTree(socket.next());
            if (!id.equals(event.at("/data/id").asText())) {
                continue;
            }
            received.add(event);
            if (List.of("invoice.processed", "invoice.flagged", "invoice.failed").contains(event.path("event").asText())) {
                return received;
            }
        }
    }

    private String event(String text, String id) throws IOException {
        JsonNode event = json.readTree(text);
        assertEquals(id, event.at("/data/id").asText(), text);
        return event.path("event").asText();
    }

    private String upload(String name, byte[] pdf) {
        return api().multiPart("file", name, pdf, "application/pdf").when().post("/api/v1/invoices/upload")
                .then().statusCode(201).body("data.processed_at", nullValue()).extract().path("data.id");
    }

    private URI ws() {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + http.getPath() + "?api_key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    private RequestSpecification api() {
        return given().header("X-API-Key", key);
    }
}
