package com.envoyx.invoice.storage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.envoyx.invoice.invoices.rest.UploadResponses;
import com.envoyx.invoice.invoices.service.InvoiceService;
import com.envoyx.invoice.invoices.service.InvoiceUploadService;
import com.envoyx.invoice.keychain.model.KeyPrincipal;
import com.envoyx.invoice.storage.config.StorageConfig;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.repository.BlobStore;
import com.envoyx.invoice.testing.MovableClock;
import com.envoyx.invoice.testing.OfflineServicesResource;
import com.envoyx.invoice.testing.OnVertx;
import com.envoyx.invoice.testing.Principals;
import com.envoyx.invoice.testing.TestFileUpload;
import com.envoyx.invoice.testing.TestPdfs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** After a crash between blob and row, the sweeper removes what no row references, and only that. */
@QuarkusTest
@WithTestResource(OfflineServicesResource.class)
class BlobSweeperTest {

    @Inject
    BlobSweeper sweeper;
    @Inject
    BlobStore blobs;
    @Inject
    StorageConfig config;
    @Inject
    InvoiceUploadService uploads;
    @Inject
    UploadResponses responses;
    @Inject
    InvoiceService invoices;
    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void orphansGoOnceOlderThanTheGracePeriodAndReferencedBlobsStay() throws Exception {
        KeyPrincipal key = Principals.ofNewAccount();
        OnVertx.await(() -> uploads.upload(key, TestFileUpload.of("kept.pdf", TestPdfs.minimal()), Optional.empty(),
                responses::created));
        String keptBlob = OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 1)).invoices().get(0).blobKey;

        // What a crash after the blob write and before the row commit leaves behind.
        String orphan = blobs.newKey();
        Path source = Files.write(Files.createTempFile("orphan", ".pdf"), TestPdfs.minimal());
        OnVertx.await(() -> blobs.put(orphan, source));
        // What a crash in the middle of a blob write leaves behind.
        Path staging = Files.createDirectories(Path.of(config.blobDir()).resolve(".staging"));
        Path partial = Files.write(staging.resolve(blobs.newKey() + ".partial"), new byte[] {1, 2, 3});

        assertEquals(0, OnVertx.await(() -> sweeper.sweep()));
        assertTrue(Files.exists(partial));
        OnVertx.await(() -> blobs.open(orphan));

        clock.advance(config.orphanGrace().plus(Duration.ofMinutes(1)));
        assertTrue(OnVertx.await(() -> sweeper.sweep()) >= 1);

        assertThrows(BlobNotFoundException.class, () -> OnVertx.await(() -> blobs.open(orphan)));
        assertFalse(Files.exists(partial));
        OnVertx.await(() -> blobs.open(keptBlob));
        UUID keptId = OnVertx.await(() -> invoices.list(key.accountId(), Optional.empty(), 1, 1)).invoices().get(0).id;
        OnVertx.await(() -> invoices.file(key.accountId(), keptId));
    }
}
