package com.envoyx.invoice.invoices.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.RawMultipart;
import com.envoyx.invoice.testing.TestPdfs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every invoice route and its bad inputs over HTTP, behind the real key chain. */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
class InvoiceApiTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    private String key;

    @BeforeEach
    void newKey() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        key = account.createKey("API test").key();
        account.setLimits(account.createKey("unused").id(), Map.of("requests_per_minute", 1000));
    }

    @Test
    void uploadAnswers201WithTheInvoiceAndTheBudget() throws Exception {
        byte[] pdf = TestPdfs.ofSize(30_000);
        String expectedSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        api().multiPart("file", "invoice.pdf", pdf).when().post("/api/v1/invoices/upload")
                .then().statusCode(201)
                .body("success", equalTo(true))
                .body("status", equalTo(201))
                .body("code", equalTo("INVOICE_UPLOADED"))
                .body("message", equalTo("Invoice uploaded successfully"))
                .body("data.id", matchesPattern("[0-9a-f-]{36}"))
                .body("data.file_name", equalTo("invoice.pdf"))
                .body("data.file_size", equalTo(pdf.length))
                .body("data.sha256", equalTo(expectedSha))
                .body("data.status", equalTo("PENDING"))
                .body("data.uploaded_at", notNullValue())
                .header("X-RateLimit-Limit", "100")
                .header("RateLimit-Policy", "\"general\";q=100;w=60, \"uploads\";q=100;w=3600");
    }

    @Test
    void everyReadRouteWorksAndTheFileIsTheOriginalBytes() {
        byte[] pdf = TestPdfs.ofSize(70_000);
        String id = upload("q1.pdf", pdf).path("data.id");

        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("code", equalTo("INVOICE_FETCHED")).body("data.id", equalTo(id))
                .header("X-RateLimit-Remaining", notNullValue());
        Response file = api().when().get("/api/v1/invoices/" + id + "/file");
        file.then().statusCode(200).contentType("application/pdf")
                .header("Content-Length", Integer.toString(pdf.length))
                .header("Content-Disposition", "attachment; filename=\"q1.pdf\"; filename*=UTF-8''q1.pdf");
        assertArrayEquals(pdf, file.asByteArray());
        api().when().get("/api/v1/invoices").then().statusCode(200)
                .body("code", equalTo("INVOICES_FETCHED"))
                .body("data.invoices", hasSize(1))
                .body("data.invoices[0].id", equalTo(id))
                .body("data.total", equalTo(1)).body("data.page", equalTo(1)).body("data.page_size", equalTo(20));
    }

    @Test
    void listingPagesNewestFirstAndFilters() {
        String first = upload("1.pdf", TestPdfs.minimal()).path("data.id");
        String second = upload("2.pdf", TestPdfs.minimal()).path("data.id");
        String third = upload("3.pdf", TestPdfs.minimal()).path("data.id");
        api().queryParam("page", 1).queryParam("page_size", 2).when().get("/api/v1/invoices").then().statusCode(200)
                .body("data.invoices.id", equalTo(List.of(third, second)))
                .body("data.total", equalTo(3)).body("data.page_size", equalTo(2));
        api().queryParam("page", 2).queryParam("page_size", 2).when().get("/api/v1/invoices").then().statusCode(200)
                .body("data.invoices.id", equalTo(List.of(first)));
        api().queryParam("status_filter", "PENDING").when().get("/api/v1/invoices").then().statusCode(200)
                .body("data.total", equalTo(3));
        api().queryParam("status_filter", "PAID").when().get("/api/v1/invoices").then().statusCode(200)
                .body("data.total", equalTo(0)).body("data.invoices", hasSize(0));
    }

    @Test
    void malformedListParametersAreClearErrors() {
        for (Map<String, String> query : List.of(Map.of("page", "abc"), Map.of("page", "0"), Map.of("page", "-1"),
                Map.of("page_size", "0"), Map.of("page_size", "101"), Map.of("page_size", "1.5"),
                Map.of("page", "99999999999"), Map.of("page", "2000000000", "page_size", "100"),
                Map.of("page", String.valueOf(InvoiceResource.MAX_PAGE + 1)),
                Map.of("status_filter", "DONE"), Map.of("status_filter", "pending"))) {
            api().queryParams(query).when().get("/api/v1/invoices").then().statusCode(400)
                    .body("code", equalTo("VALIDATION_ERROR")).body("success", equalTo(false));
        }
        api().queryParam("page", InvoiceResource.MAX_PAGE).queryParam("page_size", 100).when().get("/api/v1/invoices")
                .then().statusCode(200).body("data.invoices", hasSize(0)).body("data.page", equalTo(InvoiceResource.MAX_PAGE));
    }

    @Test
    void deleteRemovesTheInvoiceAndItsFile() {
        String id = upload("d.pdf", TestPdfs.minimal()).path("data.id");
        api().when().delete("/api/v1/invoices/" + id).then().statusCode(200)
                .body("code", equalTo("INVOICE_DELETED")).body("data.id", equalTo(id));
        api().when().get("/api/v1/invoices/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        api().when().get("/api/v1/invoices/" + id + "/file").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        api().when().delete("/api/v1/invoices/" + id).then().statusCode(404);
    }

    @Test
    void statusChangesFollowTheAllowedTransitionsOnly() {
        String id = upload("s.pdf", TestPdfs.minimal()).path("data.id");
        api().contentType(ContentType.JSON).body(Map.of("status", "APPROVED"))
                .when().patch("/api/v1/invoices/" + id + "/status")
                .then().statusCode(409).body("code", equalTo("INVALID_STATUS_TRANSITION"));
        api().contentType(ContentType.JSON).body(Map.of("status", "SHIPPED"))
                .when().patch("/api/v1/invoices/" + id + "/status")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        api().contentType(ContentType.JSON).body("{\"status\":")
                .when().patch("/api/v1/invoices/" + id + "/status")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        api().contentType(ContentType.JSON).body("{}")
                .when().patch("/api/v1/invoices/" + id + "/status")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        api().contentType(ContentType.TEXT).body("APPROVED")
                .when().patch("/api/v1/invoices/" + id + "/status")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        api().when().get("/api/v1/invoices/" + id).then().body("data.status", equalTo("PENDING"));
    }

    @Test
    void idsThatAreNotIdsAndOtherAccountsIdsAreClearErrors() {
        String id = upload("mine.pdf", TestPdfs.minimal()).path("data.id");
        for (String bad : List.of("123", "not-a-uuid", "%00", "00000000-0000-0000-0000-00000000000g")) {
            api().when().get("/api/v1/invoices/" + bad).then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        }
        api().when().get("/api/v1/invoices/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));

        String stranger = LiveServicesResource.services().newAccount().createKey("Stranger").key();
        for (String path : List.of("", "/file")) {
            given().header("X-API-Key", stranger).when().get("/api/v1/invoices/" + id + path)
                    .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        }
        given().header("X-API-Key", stranger).when().delete("/api/v1/invoices/" + id).then().statusCode(404);
        given().header("X-API-Key", stranger).contentType(ContentType.JSON).body(Map.of("status", "PAID"))
                .when().patch("/api/v1/invoices/" + id + "/status").then().statusCode(404);
        api().when().get("/api/v1/invoices/" + id).then().statusCode(200);
    }

    @Test
    void badUploadsAreClearErrorsAndStoreNothing() {
        api().multiPart("note", "no file here").when().post("/api/v1/invoices/upload")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        api().multiPart("file", "a.pdf", TestPdfs.minimal()).multiPart("file", "b.pdf", TestPdfs.minimal())
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        api().multiPart("file", "empty.pdf", new byte[0]).when().post("/api/v1/invoices/upload")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        api().multiPart("file", "image.pdf", TestPdfs.png(), "application/pdf").when().post("/api/v1/invoices/upload")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_FILE_TYPE"));
        api().multiPart("file", "page.pdf", TestPdfs.html(), "application/pdf").when().post("/api/v1/invoices/upload")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_FILE_TYPE"));
        api().multiPart("file", "cut.pdf", TestPdfs.truncated(TestPdfs.ofSize(20_000), 12_000))
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_FILE_TYPE"));
        api().contentType(ContentType.JSON).body("{\"file\":\"JVBERi0=\"}").when().post("/api/v1/invoices/upload")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        api().contentType(ContentType.BINARY).body(TestPdfs.minimal()).when().post("/api/v1/invoices/upload")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        api().when().get("/api/v1/invoices").then().body("data.total", equalTo(0));
    }

    @Test
    void theSizeLimitIsTenMebibytesExactly() {
        upload("max.pdf", TestPdfs.exactly(TEN_MIB)).then().body("data.file_size", equalTo(TEN_MIB));
        api().multiPart("file", "over.pdf", TestPdfs.exactly(TEN_MIB + 1)).when().post("/api/v1/invoices/upload")
                .then().statusCode(413).body("code", equalTo("FILE_TOO_LARGE"));
        api().multiPart("file", "far-over.pdf", TestPdfs.exactly(TEN_MIB + 2 * 1024 * 1024)).when().post("/api/v1/invoices/upload")
                .then().statusCode(413).body("code", equalTo("FILE_TOO_LARGE"));
        api().when().get("/api/v1/invoices").then().body("data.total", equalTo(1));
    }

    @Test
    void clientFileNamesAreOnlyDisplayedAndSanitised() {
        Map<String, String> names = Map.of(
                "../../etc/passwd.pdf", "passwd.pdf",
                "..\\..\\boot.ini.pdf", "boot.ini.pdf",
                "a".repeat(500) + ".pdf", "a".repeat(255),
                "invoice\u202Efdp.exe", "invoicefdp.exe",
                "\u200F\u05D7\u05E9\u05D1\u05D5\u05E0\u05D9\u05EA.pdf", "\u05D7\u05E9\u05D1\u05D5\u05E0\u05D9\u05EA.pdf",
                "nul\u0000byte.pdf", "nulbyte.pdf",
                "tab\there.pdf", "tabhere.pdf");
        for (Map.Entry<String, String> name : names.entrySet()) {
            RawMultipart multipart = RawMultipart.file(name.getKey(), TestPdfs.minimal());
            api().contentType(multipart.contentType()).body(multipart.body()).when().post("/api/v1/invoices/upload")
                    .then().statusCode(201).body("data.file_name", equalTo(name.getValue()));
        }
    }

    @Test
    void idempotencyKeyReplaysConflictsAndRefuses() {
        byte[] pdf = TestPdfs.ofSize(5_000);
        Response first = api().header("Idempotency-Key", "inv-7").multiPart("file", "i.pdf", pdf)
                .when().post("/api/v1/invoices/upload");
        first.then().statusCode(201);
        Response replay = api().header("Idempotency-Key", "inv-7").multiPart("file", "i.pdf", pdf)
                .when().post("/api/v1/invoices/upload");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), replay.asString());
        api().header("Idempotency-Key", "inv-7").multiPart("file", "i.pdf", TestPdfs.minimal())
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        api().header("Idempotency-Key", "a").header("Idempotency-Key", "b").multiPart("file", "i.pdf", pdf)
                .when().post("/api/v1/invoices/upload")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        api().when().get("/api/v1/invoices").then().body("data.total", equalTo(1));
    }

    private Response upload(String name, byte[] bytes) {
        Response response = api().multiPart("file", name, bytes, "application/pdf").when().post("/api/v1/invoices/upload");
        response.then().statusCode(201);
        return response;
    }

    private RequestSpecification api() {
        return given().header("X-API-Key", key);
    }
}
