package com.envoyx.invoice.invoices.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.idempotency.service.IdempotencyService;
import com.envoyx.invoice.invoices.model.Invoice;
import com.envoyx.invoice.invoices.model.InvoiceStatus;
import com.envoyx.invoice.invoices.repository.InvoiceRepository;
import com.envoyx.invoice.invoices.rest.UploadResponses;
import com.envoyx.invoice.invoices.service.InvoiceUploadService.UploadResult;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.platform.Sha256;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.repository.BlobStore;
import com.envoyx.invoice.testing.MovableClock;
import com.envoyx.invoice.testing.OfflineServicesResource;
import com.envoyx.invoice.testing.OnVertx;
import com.envoyx.invoice.testing.Principals;
import com.envoyx.invoice.testing.TestFileUpload;
import com.envoyx.invoice.testing.TestPdfs;
import com.envoyx.invoice.upload.model.ReceivedFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The invoice domain below the key chain, against the real PostgreSQL and the filesystem blob store. */
@QuarkusTest
@WithTestResource(OfflineServicesResource.class)
class InvoiceServicesTest {

    @Inject
    InvoiceUploadService uploads;
    @Inject
    UploadResponses responses;
    @Inject
    InvoiceService invoices;
    @Inject
    InvoiceRepository repository;
    @Inject
    BlobStore blobs;
    @Inject
    ObjectMapper json;
    @Inject
    MovableClock clock;
    @Inject
    IdempotencyService idempotency;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anUploadStoresRowAndBlobAndAnswersTheEnvelope() throws Exception {
        KeyPrincipal key = Principals.ofNewAccount();
        byte[] pdf = TestPdfs.ofSize(50_000);
        UploadResult result = upload(key, "march.pdf", pdf, Optional.empty());

        assertEquals(201, result.response().status());
        assertFalse(result.replayed());
        JsonNode body = json.readTree(result.response().body());
        assertEquals("INVOICE_UPLOADED", body.get("code").asText());
        JsonNode data = body.get("data");
        assertEquals("march.pdf", data.get("file_name").asText());
        assertEquals(pdf.length, data.get("file_size").asLong());
        assertEquals("PENDING", data.get("status").asText());
        assertEquals(64, data.get("sha256").asText().length());

        UUID id = UUID.fromString(data.get("id").asText());
        Invoice stored = OnVertx.await(() -> invoices.get(key.accountId(), id));
        assertEquals(key.keyId(), stored.apiKeyId);
        assertArrayEquals(pdf, Files.readAllBytes(OnVertx.await(() -> invoices.file(key.accountId(), id)).blob().path()));
    }

    @Test
    void anotherAccountSeesNothing() {
        KeyPrincipal owner = Principals.ofNewAccount();
        KeyPrincipal stranger = Principals.ofNewAccount();
        UUID id = uploadedId(owner, "mine.pdf");

        assertCode(ErrorCode.NOT_FOUND, () -> OnVertx.await(() -> invoices.get(stranger.accountId(), id)));
        assertCode(ErrorCode.NOT_FOUND, () -> OnVertx.await(() -> invoices.delete(stranger.accountId(), id)));
        assertCode(ErrorCode.NOT_FOUND, () -> OnVertx.await(
                () -> invoices.changeStatus(stranger.accountId(), id, InvoiceStatus.PAID)));
        assertEquals(0, OnVertx.await(() -> invoices.list(stranger.accountId(), Optional.empty(), 1, 20)).total());
        assertEquals(id, OnVertx.await(() -> invoices.get(owner.accountId(), id)).id);
    }

    @Test
    void listingIsNewestFirstPagedAndFiltered() {
        KeyPrincipal key = Principals.ofNewAccount();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(uploadedId(key, "n" + i + ".pdf"));
        }
        InvoicePage first = OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 2));
        InvoicePage third = OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 3, 2));
        assertEquals(5, first.total());
        assertEquals(List.of(ids.get(4), ids.get(3)), first.invoices().stream().map(i -> i.id).toList());
        assertEquals(List.of(ids.get(0)), third.invoices().stream().map(i -> i.id).toList());

        setStatus(ids.get(1), InvoiceStatus.FLAGGED);
        InvoicePage flagged = OnVertx.await(() -> invoices.list(key.accountId(), Optional.of(InvoiceStatus.FLAGGED), 1, 20));
        assertEquals(1, flagged.total());
        assertEquals(ids.get(1), flagged.invoices().get(0).id);
    }

    @Test
    void onlyTheAllowedStatusTransitionsHappen() {
        KeyPrincipal key = Principals.ofNewAccount();
        UUID id = uploadedId(key, "t.pdf");
        assertCode(ErrorCode.INVALID_STATUS_TRANSITION,
                () -> OnVertx.await(() -> invoices.changeStatus(key.accountId(), id, InvoiceStatus.APPROVED)));
        assertCode(ErrorCode.INVALID_STATUS_TRANSITION,
                () -> OnVertx.await(() -> invoices.changeStatus(key.accountId(), id, InvoiceStatus.PROCESSED)));

        setStatus(id, InvoiceStatus.PROCESSED);
        clock.advance(Duration.ofMinutes(1));
        Invoice approved = OnVertx.await(() -> invoices.changeStatus(key.accountId(), id, InvoiceStatus.APPROVED));
        assertEquals(InvoiceStatus.APPROVED, approved.status);
        assertTrue(approved.updatedAt.isAfter(approved.uploadedAt));
        assertCode(ErrorCode.INVALID_STATUS_TRANSITION,
                () -> OnVertx.await(() -> invoices.changeStatus(key.accountId(), id, InvoiceStatus.APPROVED)));
        assertEquals(InvoiceStatus.PAID,
                OnVertx.await(() -> invoices.changeStatus(key.accountId(), id, InvoiceStatus.PAID)).status);
        assertCode(ErrorCode.INVALID_STATUS_TRANSITION,
                () -> OnVertx.await(() -> invoices.changeStatus(key.accountId(), id, InvoiceStatus.REJECTED)));
        assertEquals(InvoiceStatus.PAID, OnVertx.await(() -> invoices.get(key.accountId(), id)).status);
    }

    @Test
    void deletingRemovesRowAndBlob() {
        KeyPrincipal key = Principals.ofNewAccount();
        UUID id = uploadedId(key, "gone.pdf");
        String blobKey = OnVertx.await(() -> invoices.get(key.accountId(), id)).blobKey;
        OnVertx.await(() -> invoices.delete(key.accountId(), id));
        assertCode(ErrorCode.NOT_FOUND, () -> OnVertx.await(() -> invoices.get(key.accountId(), id)));
        assertThrows(BlobNotFoundException.class, () -> OnVertx.await(() -> blobs.open(blobKey)));
    }

    @Test
    void sameIdempotencyKeyAndFileReplaysAndStoresNothingNew() {
        KeyPrincipal key = Principals.ofNewAccount();
        byte[] pdf = TestPdfs.minimal();
        UploadResult first = upload(key, "a.pdf", pdf, Optional.of("order-42"));
        UploadResult again = upload(key, "a.pdf", pdf, Optional.of("order-42"));
        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.response(), again.response());
        assertEquals(1, OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 20)).total());

        KeyPrincipal otherAccount = Principals.ofNewAccount();
        assertFalse(upload(otherAccount, "a.pdf", pdf, Optional.of("order-42")).replayed());
    }

    @Test
    void sameIdempotencyKeyWithAnotherFileIsRefused() {
        KeyPrincipal key = Principals.ofNewAccount();
        upload(key, "a.pdf", TestPdfs.minimal(), Optional.of("k-1"));
        assertCode(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> upload(key, "a.pdf", TestPdfs.ofSize(5_000), Optional.of("k-1")));
        assertEquals(1, OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 20)).total());
    }

    @Test
    void anIdempotencyKeyInFlightIsRefusedUntilItIsAbandoned() throws Exception {
        KeyPrincipal key = Principals.ofNewAccount();
        byte[] pdf = TestPdfs.minimal();
        String requestHash = Sha256.of(sha256Hex(pdf) + "\na.pdf");
        OnVertx.await(() -> idempotency.claim(key.accountId(), "busy", requestHash));
        assertCode(ErrorCode.IDEMPOTENCY_KEY_IN_USE, () -> upload(key, "a.pdf", pdf, Optional.of("busy")));

        clock.advance(Duration.ofMinutes(3));
        assertEquals(201, upload(key, "a.pdf", pdf, Optional.of("busy")).response().status());
    }

    @Test
    void badIdempotencyKeysAreRefusedBeforeAnythingIsStored() {
        KeyPrincipal key = Principals.ofNewAccount();
        for (String bad : List.of("", "has space", "x".repeat(256), "ctl\u0001", "\u00e9t\u00e9")) {
            assertCode(ErrorCode.VALIDATION_ERROR, () -> upload(key, "a.pdf", TestPdfs.minimal(), Optional.of(bad)));
        }
        assertEquals(0, OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 20)).total());
    }

    @Test
    void invalidFilesStoreNothing() {
        KeyPrincipal key = Principals.ofNewAccount();
        assertCode(ErrorCode.UNSUPPORTED_FILE_TYPE, () -> upload(key, "fake.pdf", TestPdfs.png(), Optional.empty()));
        assertCode(ErrorCode.UNSUPPORTED_FILE_TYPE, () -> upload(key, "fake.pdf", TestPdfs.html(), Optional.empty()));
        assertCode(ErrorCode.UNSUPPORTED_FILE_TYPE,
                () -> upload(key, "cut.pdf", TestPdfs.truncated(TestPdfs.ofSize(10_000), 6_000), Optional.of("cut")));
        assertCode(ErrorCode.VALIDATION_ERROR, () -> upload(key, "empty.pdf", new byte[0], Optional.empty()));
        assertCode(ErrorCode.FILE_TOO_LARGE,
                () -> upload(key, "big.pdf", TestPdfs.exactly(10 * 1024 * 1024 + 1), Optional.empty()));
        assertEquals(0, OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 20)).total());
        assertEquals(201, upload(key, "cut.pdf", TestPdfs.minimal(), Optional.of("cut")).response().status());
    }

    @Test
    void aFileOfExactlyTenMebibytesIsAccepted() {
        KeyPrincipal key = Principals.ofNewAccount();
        assertEquals(201, upload(key, "max.pdf", TestPdfs.exactly(10 * 1024 * 1024), Optional.empty()).response().status());
    }

    private UploadResult upload(KeyPrincipal key, String name, byte[] bytes, Optional<String> idempotencyKey) {
        ReceivedFile part = TestFileUpload.of(name, bytes);
        return OnVertx.await(() -> uploads.upload(key, part, idempotencyKey, responses::created));
    }

    private UUID uploadedId(KeyPrincipal key, String name) {
        try {
            UploadResult result = upload(key, name, TestPdfs.minimal(), Optional.empty());
            return UUID.fromString(json.readTree(result.response().body()).get("data").get("id").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setStatus(UUID id, InvoiceStatus status) {
        OnVertx.await(() -> Panache.withTransaction(() -> repository.findById(id).invoke(i -> i.status = status)));
    }

    private static String sha256Hex(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void assertCode(ErrorCode expected, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(expected, e.code(), e.getMessage());
        assertNotEquals(null, e.getMessage());
    }
}
