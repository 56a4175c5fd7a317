package com.envoyx.invoice.invoices.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.PipelineProfile;
import com.envoyx.invoice.testing.RealPdfs;
import com.envoyx.invoice.testing.RecordedInvoiceEvents;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The public docs' invoice examples (/work/shared/seed/envoyx-public-docs.md, "Invoices"), as a
 * client following them sends them: the same requests (a curl {@code -F "file=@invoice.pdf"}
 * upload, the list with its query parameters, detail, status change, delete), answered with the
 * docs' codes, messages and fields. Where the docs give no body (detail, delete, status change),
 * the codes are the ones they name.
 */
@QuarkusTest
@TestProfile(PipelineProfile.class)
@WithTestResource(LiveServicesResource.class)
class PublicDocsContractTest {

    @Inject
    RecordedInvoiceEvents events;

    @Test
    void theDocsInvoiceExamplesAnswerWithTheDocsCodesMessagesAndFields() {
        String key = LiveServicesResource.services().newAccount().createKey("Docs examples").key();

        // curl -X POST .../api/v1/invoices/upload -H "X-API-Key: $KEY" -F "file=@invoice.pdf"
        String id = given().header("X-API-Key", key).multiPart("file", "invoice.pdf", RealPdfs.textInvoice(1), "application/pdf")
                .when().post("/api/v1/invoices/upload").then().statusCode(201)
                .body("success", equalTo(true)).body("status", equalTo(201))
                .body("code", equalTo("INVOICE_UPLOADED")).body("message", equalTo("Invoice uploaded successfully"))
                .body("data.id", matchesPattern("[0-9a-f-]{36}")).body("data.file_name", equalTo("invoice.pdf"))
                .body("data.file_size", notNullValue()).body("data.status", equalTo("PENDING"))
                .body("data.uploaded_at", notNullValue())
                .extract().path("data.id");
        events.await(UUID.fromString(id), InvoiceEventType.PROCESSED, Duration.ofSeconds(60));

        // curl ".../api/v1/invoices?page=1&page_size=20&status_filter=PROCESSED" -H "X-API-Key: $KEY"
        given().header("X-API-Key", key).queryParam("page", 1).queryParam("page_size", 20)
                .queryParam("status_filter", "PROCESSED")
                .when().get("/api/v1/invoices").then().statusCode(200)
                .body("success", equalTo(true)).body("status", equalTo(200))
                .body("code", equalTo("INVOICES_FETCHED")).body("message", equalTo("Invoices retrieved successfully"))
                .body("data.invoices.id", equalTo(List.of(id)))
                .body("data.invoices[0].file_name", equalTo("invoice.pdf"))
                .body("data.invoices[0].status", equalTo("PROCESSED"))
                .body("data.invoices[0].uploaded_at", notNullValue())
                .body("data.invoices[0].processed_at", notNullValue())
                .body("data.total", equalTo(1)).body("data.page", equalTo(1)).body("data.page_size", equalTo(20));
        given().header("X-API-Key", key).queryParam("status_filter", "PENDING")
                .when().get("/api/v1/invoices").then().statusCode(200)
                .body("code", equalTo("INVOICES_FETCHED")).body("data.total", equalTo(0));

        // Detail "with the extracted data": the twelve fields and the checks.
        given().header("X-API-Key", key).when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("code", equalTo("INVOICE_FETCHED"))
                .body("data", hasKey("processed_at"))
                .body("data.extracted.fields.keySet().size()", equalTo(12))
                .body("data.validation.size()", equalTo(5));

        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("status", "APPROVED"))
                .when().patch("/api/v1/invoices/" + id + "/status").then().statusCode(200)
                .body("code", equalTo("INVOICE_STATUS_UPDATED")).body("data.status", equalTo("APPROVED"));

        given().header("X-API-Key", key).when().delete("/api/v1/invoices/" + id).then().statusCode(200)
                .body("code", equalTo("INVOICE_DELETED")).body("data.id", equalTo(id));
    }
}
