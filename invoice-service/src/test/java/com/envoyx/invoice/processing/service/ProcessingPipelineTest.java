package com.envoyx.invoice.processing.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.infra.testing.HostilePdfs;
import com.envoyx.invoice.events.model.InvoiceEvent;
import com.envoyx.invoice.events.model.InvoiceEventType;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.storage.repository.BlobStore;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.PipelineProfile;
import com.envoyx.invoice.testing.RealPdfs;
import com.envoyx.invoice.testing.RecordedInvoiceEvents;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The pipeline end to end: uploads over HTTP behind the real key chain, processing by the
 * running pipeline, outcomes read back through GET /api/v1/invoices/{id}. Waits are for events
 * with a deadline, never sleeps.
 */
@QuarkusTest
@TestProfile(PipelineProfile.class)
@WithTestResource(LiveServicesResource.class)
class ProcessingPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RecordedInvoiceEvents events;
    @Inject
    Event<InvoiceEvent> fire;
    @Inject
    BlobStore blobs;
    @Inject
    Pool pool;

    private String key;

    @BeforeEach
    void newKey() {
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        key = account.createKey("Pipeline test").key();
        account.setLimits(account.createKey("unused").id(), Map.of("requests_per_minute", 1000));
    }

    @Test
    void aTextInvoiceIsProcessedAndItsMetadataIsInTheInvoice() {
        UUID id = upload("march.pdf", RealPdfs.textInvoice(2));
        events.await(id, InvoiceEventType.PROCESSED, WAIT);
        assertEquals(List.of(InvoiceEventType.PROCESSING, InvoiceEventType.EXTRACTED, InvoiceEventType.VALIDATED,
                        InvoiceEventType.PROCESSED),
                events.of(id).stream().map(InvoiceEvent::type).filter(t -> t != InvoiceEventType.UPLOADED).toList());

        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("data.status", equalTo("PROCESSED"))
                .body("data.error_message", nullValue())
                .body("data.extracted.pdf.page_count", equalTo(2))
                .body("data.extracted.pdf.has_text_layer", equalTo(true))
                .body("data.extracted.pdf.pdf_version", equalTo("1.6"))
                .body("data.extracted.pdf.encrypted", equalTo(false))
                .body("data.extracted.pdf.title", equalTo(RealPdfs.TITLE))
                .body("data.extracted.pdf.author", equalTo(RealPdfs.AUTHOR))
                .body("data.extracted.pdf.producer", equalTo("Apache PDFBox"))
                .body("data.extracted.pdf.creation_date", equalTo("2026-03-01T09:30:00Z"))
                .body("data.extracted.pdf.flags", equalTo(List.of()));
        api().when().get("/api/v1/invoices").then().statusCode(200)
                .body("data.invoices[0].extracted.pdf.page_count", equalTo(2));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("envoyx_processing_jobs_total{outcome=\"processed\"}"))
                .body(containsString("envoyx_processing_duration_seconds_count{outcome=\"processed\"}"))
                .body(containsString("envoyx_processing_in_flight "));
    }

    @Test
    void aScanIsFlaggedForItsMissingTextLayerAndCanStillBeApproved() {
        UUID id = upload("scan.pdf", RealPdfs.scannedInvoice());
        events.await(id, InvoiceEventType.FLAGGED, WAIT);
        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("data.status", equalTo("FLAGGED"))
                .body("data.error_message", containsString("no text layer"))
                .body("data.extracted.outcome", equalTo("no_text_layer"))
                .body("data.extracted.fields.invoice_number.value", nullValue())
                .body("data.validation", nullValue())
                .body("data.processed_at", notNullValue())
                .body("data.extracted.pdf.has_text_layer", equalTo(false))
                .body("data.extracted.pdf.flags", equalTo(List.of("NO_TEXT_LAYER")));
        api().contentType(ContentType.JSON).body(Map.of("status", "APPROVED"))
                .when().patch("/api/v1/invoices/" + id + "/status").then().statusCode(200)
                .body("data.status", equalTo("APPROVED"))
                .body("data.extracted.pdf.flags", equalTo(List.of("NO_TEXT_LAYER")));
    }

    @Test
    void anInvoiceWithMoreThanTheMaximumPagesIsFlagged() {
        UUID id = upload("long.pdf", RealPdfs.textInvoice(120));
        events.await(id, InvoiceEventType.FLAGGED, WAIT);
        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("data.status", equalTo("FLAGGED"))
                .body("data.error_message", equalTo("The PDF has 120 pages, more than the 100 expected of an invoice."))
                .body("data.extracted.pdf.page_count", equalTo(120))
                .body("data.extracted.pdf.has_text_layer", equalTo(true))
                .body("data.extracted.pdf.flags", equalTo(List.of("TOO_MANY_PAGES")));
    }

    @Test
    void aDamagedPdfFailsWithAMessageTheCustomerCanActOn() {
        assertFails(RealPdfs.damagedInside(), PdfAnalyzer.DAMAGED);
    }

    @Test
    void aPasswordProtectedPdfFailsAsEncrypted() {
        assertFails(RealPdfs.passwordProtected(), PdfAnalyzer.ENCRYPTED);
    }

    @Test
    void aPdfWithoutPagesFails() {
        assertFails(RealPdfs.noPages(), PdfAnalyzer.NO_PAGES);
    }

    @Test
    void aDecompressionBombFailsAsOverTheBoundsAndTheNextInvoiceIsStillProcessed() {
        UUID bomb = upload("bomb.pdf", HostilePdfs.doubleFlateBomb());
        InvoiceEvent failed = events.await(bomb, InvoiceEventType.FAILED, WAIT);
        assertTrue(failed.errorMessage().startsWith("The document exceeds the processing bounds: reading it needs more "
                + "than 128 MiB of memory"), failed.errorMessage());
        UUID next = upload("after.pdf", RealPdfs.textInvoice(1));
        events.await(next, InvoiceEventType.PROCESSED, WAIT);
    }

    @Test
    void tenThousandPagesAreFlaggedFromThePageTree() {
        UUID id = upload("pages.pdf", HostilePdfs.manyPages(10_000));
        events.await(id, InvoiceEventType.FLAGGED, WAIT);
        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("data.extracted.pdf.page_count", equalTo(10_000))
                .body("data.extracted.pdf.flags", equalTo(List.of("TOO_MANY_PAGES")));
    }

    @Test
    void theJobOfACrashedReplicaIsTakenOverOnceItsLeaseExpiresButALiveLeaseIsLeftAlone() throws IOException {
        Instant now = Instant.now();
        UUID abandoned = insertClaimed(RealPdfs.textInvoice(1), "crashed-replica", 1, now.minusSeconds(1));
        UUID held = insertClaimed(RealPdfs.textInvoice(1), "live-replica", 1, now.plus(Duration.ofHours(1)));
        wake(abandoned);

        events.await(abandoned, InvoiceEventType.PROCESSED, WAIT);
        Row taken = row(abandoned);
        assertEquals("PROCESSED", taken.getString("status"));
        assertEquals(2, taken.getInteger("attempts"));
        assertNull(taken.getString("lease_owner"));
        assertTrue(events.of(abandoned).stream().noneMatch(e -> e.type() == InvoiceEventType.PROCESSING),
                "a takeover announces no second PROCESSING");

        Row untouched = row(held);
        assertEquals("PROCESSING", untouched.getString("status"));
        assertEquals("live-replica", untouched.getString("lease_owner"));
        assertEquals(1, untouched.getInteger("attempts"));
    }

    @Test
    void aPoisonDocumentEndsFailedAfterTheBoundedAttemptsInsteadOfLooping() throws IOException {
        UUID poison = insertClaimed(RealPdfs.textInvoice(1), "third-crashed-replica", 3, Instant.now().minusSeconds(1));
        wake(poison);
        InvoiceEvent failed = events.await(poison, InvoiceEventType.FAILED, WAIT);
        String message = "The PDF could not be processed after 3 attempts (processing stopped before it finished "
                + "each time); export it to a new PDF and upload that.";
        assertEquals(message, failed.errorMessage());
        Row row = row(poison);
        assertEquals("FAILED", row.getString("status"));
        assertEquals(message, row.getString("error_message"));
        assertEquals(4, row.getInteger("attempts"));
        assertNull(row.getValue("extracted"));
    }

    private void assertFails(byte[] pdf, String message) {
        UUID id = upload("bad.pdf", pdf);
        InvoiceEvent failed = events.await(id, InvoiceEventType.FAILED, WAIT);
        assertEquals(message, failed.errorMessage());
        assertEquals(InvoiceStatus.FAILED, failed.status());
        api().when().get("/api/v1/invoices/" + id).then().statusCode(200)
                .body("data.status", equalTo("FAILED"))
                .body("data.error_message", equalTo(message))
                .body("data.processed_at", notNullValue())
                .body("data.extracted", nullValue());
    }

    /** Uploads over HTTP (the upload check must accept the file), then announces it as the upload path does. */
    private UUID upload(String name, byte[] pdf) {
        Response response = api().multiPart("file", name, pdf, "application/pdf").when().post("/api/v1/invoices/upload");
        response.then().statusCode(201).body("data.status", equalTo("PENDING"));
        UUID id = UUID.fromString(response.path("data.id"));
        wake(id);
        return id;
    }

    private void wake(UUID id) {
        fire.fire(InvoiceEvent.of(InvoiceEventType.UPLOADED, UUID.randomUUID(), id, InvoiceStatus.PENDING, Instant.now()));
    }

    /** An invoice some replica claimed and still holds (or held, once the lease has passed). */
    private UUID insertClaimed(byte[] pdf, String owner, int attempts, Instant leaseExpiresAt) throws IOException {
        UUID id = UUID.randomUUID();
        String blobKey = blobs.newKey();
        Path file = Files.write(Files.createTempFile("envoyx-pipeline-test", ".pdf"), pdf);
        blobs.put(blobKey, file).await().atMost(WAIT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        pool.preparedQuery("""
                INSERT INTO invoices (id, account_id, api_key_id, file_name, file_size, sha256, blob_key, status,
                                      uploaded_at, updated_at, attempts, lease_owner, lease_expires_at)
                VALUES ($1, $2, $3, 'claimed.pdf', $4, $5, $6, 'PROCESSING', $7, $7, $8, $9, $10)""")
                .execute(Tuple.from(List.of(id, UUID.randomUUID(), UUID.randomUUID(), (long) pdf.length, "0".repeat(64),
                        blobKey, now, attempts, owner, OffsetDateTime.ofInstant(leaseExpiresAt, ZoneOffset.UTC))))
                .await().atMost(WAIT);
        return id;
    }

    private Row row(UUID id) {
        return pool.preparedQuery("SELECT * FROM invoices WHERE id = $1").execute(Tuple.of(id)).await().atMost(WAIT)
                .iterator().next();
    }

    private RequestSpecification api() {
        return given().header("X-API-Key", key);
    }
}
