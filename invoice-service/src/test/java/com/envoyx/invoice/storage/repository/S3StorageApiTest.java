package com.envoyx.invoice.storage.repository;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.storage.config.StorageConfig;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.service.BlobSweeper;
import com.envoyx.invoice.testing.LiveServices;
import com.envoyx.invoice.testing.LiveServicesResource;
import com.envoyx.invoice.testing.MovableClock;
import com.envoyx.invoice.testing.OnVertx;
import com.envoyx.invoice.testing.S3StorageResource;
import com.envoyx.invoice.testing.TestPdfs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * invoice-service with {@code envoyx.storage.type=s3} against S3Proxy: uploads land in the bucket,
 * downloads come back byte for byte and leave no local copy behind, deletes remove the object,
 * and the unchanged sweeper keeps bucket and database in step.
 */
@QuarkusTest
@WithTestResource(LiveServicesResource.class)
@WithTestResource(S3StorageResource.class)
class S3StorageApiTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;
    private static final Duration COPY_RELEASE_WAIT = Duration.ofSeconds(10);

    @Inject
    BlobSweeper sweeper;
    @Inject
    BlobStore blobs;
    @Inject
    StorageConfig config;
    @Inject
    MovableClock clock;

    private S3StorageResource.S3Storage storage;
    private String key;

    @BeforeEach
    void newKey() {
        storage = S3StorageResource.storage();
        LiveServices.Account account = LiveServicesResource.services().newAccount();
        key = account.createKey("S3 test").key();
        account.setLimits(account.createKey("unused").id(), Map.of("requests_per_minute", 1000));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anInvoiceGoesIntoTheBucketComesBackExactlyAndLeavesWithItsDelete() throws Exception {
        byte[] pdf = TestPdfs.ofSize(70_000);
        Set<String> before = objectKeys();
        String id = upload("s3.pdf", pdf).path("data.id");
        Set<String> added = new HashSet<>(objectKeys());
        added.removeAll(before);
        assertEquals(1, added.size(), "one object per upload");
        String objectKey = added.iterator().next();
        assertEquals(pdf.length, storage.client().headObject(request -> request.bucket(storage.bucket()).key(objectKey))
                .contentLength());

        Response file = api().when().get("/api/v1/invoices/" + id + "/file");
        file.then().statusCode(200).contentType("application/pdf")
                .header("Content-Length", Integer.toString(pdf.length))
                .header("X-RateLimit-Remaining", notNullValue());
        assertArrayEquals(pdf, file.asByteArray());
        awaitNoDownloadCopies();

        api().when().delete("/api/v1/invoices/" + id).then().statusCode(200).body("code", equalTo("INVOICE_DELETED"));
        assertTrue(!objectKeys().contains(objectKey), "the object goes with its invoice");
    }

    @Test
    void tenMebibytesGoUpInPartsAndComeBackUnchanged() throws Exception {
        byte[] pdf = TestPdfs.exactly(TEN_MIB);
        Set<String> before = objectKeys();
        String id = upload("big.pdf", pdf).path("data.id");
        Set<String> added = new HashSet<>(objectKeys());
        added.removeAll(before);
        String objectKey = added.iterator().next();
        // A multipart object's ETag ends in -<number of parts>: 8 MiB + 2 MiB.
        assertTrue(storage.client().headObject(request -> request.bucket(storage.bucket()).key(objectKey)).eTag()
                .endsWith("-2\""), "uploaded in two parts");
        Response file = api().when().get("/api/v1/invoices/" + id + "/file");
        file.then().statusCode(200).header("Content-Length", Integer.toString(TEN_MIB));
        assertArrayEquals(pdf, file.asByteArray());
        awaitNoDownloadCopies();
        assertEquals(0, storage.client().listMultipartUploadsPaginator(
                request -> request.bucket(storage.bucket()).prefix(storage.prefix())).uploads().stream().count(),
                "a completed multipart upload leaves no upload behind");
    }

    @Test
    void theSweeperRemovesOrphansAndAbandonedUploadsFromTheBucketAndKeepsInvoices() throws Exception {
        byte[] kept = TestPdfs.minimal();
        String keptId = upload("kept.pdf", kept).path("data.id");

        // What a crash after the blob write and before the row commit leaves behind.
        String orphan = blobs.newKey();
        Path source = Files.write(Files.createTempFile("orphan", ".pdf"), TestPdfs.minimal());
        OnVertx.await(() -> blobs.put(orphan, source));
        // What a crash in the middle of a multipart upload leaves behind.
        String partialKey = storage.prefix() + blobs.newKey();
        String uploadId = storage.client().createMultipartUpload(
                request -> request.bucket(storage.bucket()).key(partialKey)).uploadId();
        storage.client().uploadPart(request -> request.bucket(storage.bucket()).key(partialKey).uploadId(uploadId)
                .partNumber(1), RequestBody.fromBytes(new byte[] {1, 2, 3}));

        OnVertx.await(() -> sweeper.sweep());
        OnVertx.await(() -> blobs.open(orphan)).release().await().indefinitely();
        assertTrue(openUploads().contains(uploadId));

        clock.advance(config.orphanGrace().plus(Duration.ofMinutes(1)));
        assertTrue(OnVertx.await(() -> sweeper.sweep()) >= 1);
        clock.reset();

        assertThrows(BlobNotFoundException.class, () -> OnVertx.await(() -> blobs.open(orphan)));
        assertTrue(!openUploads().contains(uploadId), "the abandoned multipart upload is aborted");
        Response file = api().when().get("/api/v1/invoices/" + keptId + "/file");
        file.then().statusCode(200);
        assertArrayEquals(kept, file.asByteArray());
    }

    private Set<String> objectKeys() {
        return storage.client().listObjectsV2Paginator(request -> request.bucket(storage.bucket()).prefix(storage.prefix()))
                .contents().stream().map(S3Object::key).collect(Collectors.toSet());
    }

    private Set<String> openUploads() {
        return storage.client().listMultipartUploadsPaginator(
                        request -> request.bucket(storage.bucket()).prefix(storage.prefix()))
                .uploads().stream().map(upload -> upload.uploadId()).collect(Collectors.toSet());
    }

    /** The copy is released after the last byte went out, so shortly after the client has it. */
    private void awaitNoDownloadCopies() throws Exception {
        Instant deadline = Instant.now().plus(COPY_RELEASE_WAIT);
        long copies = downloadCopies();
        while (copies > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            copies = downloadCopies();
        }
        assertEquals(0, copies, "every download copy is deleted once its response is sent");
    }

    private long downloadCopies() throws Exception {
        if (!Files.isDirectory(storage.downloadDir())) {
            return 0;
        }
        try (Stream<Path> files = Files.list(storage.downloadDir())) {
            return files.count();
        }
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
