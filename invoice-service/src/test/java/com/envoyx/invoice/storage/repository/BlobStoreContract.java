package com.envoyx.invoice.storage.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.model.LocalBlob;

import io.vertx.mutiny.core.Vertx;

/**
 * What every {@link BlobStore} guarantees, checked against each implementation by a subclass:
 * a key names the complete blob or nothing, deleting is idempotent, the sweeper's two listings see
 * exactly what they should, and a failed or crashed write leaves nothing a reader could see.
 */
abstract class BlobStoreContract {

    private static final Duration HOUR = Duration.ofHours(1);

    static Vertx vertx;
    static OnWorker worker;

    @TempDir
    Path sources;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        worker = new OnWorker(vertx);
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    abstract BlobStore store();

    /** Leaves behind what a put that crashed midway leaves. */
    abstract void leaveAbandonedWrite() throws Exception;

    /** How many partial writes the store holds. */
    abstract int abandonedWrites() throws Exception;

    @Test
    void aStoredBlobOpensWithItsExactBytesAndStaysAfterRelease() throws Exception {
        byte[] bytes = randomBytes(70_000, 1);
        String key = put(bytes);

        LocalBlob first = store().open(key).await().indefinitely();
        assertArrayEquals(bytes, Files.readAllBytes(first.path()));
        first.release().await().indefinitely();

        LocalBlob second = store().open(key).await().indefinitely();
        assertArrayEquals(bytes, Files.readAllBytes(second.path()));
        second.release().await().indefinitely();
    }

    @Test
    void aLargeBlobRoundTripsUnchanged() throws Exception {
        byte[] bytes = randomBytes(10 * 1024 * 1024 + 1, 2);
        String key = put(bytes);
        LocalBlob blob = store().open(key).await().indefinitely();
        assertEquals(bytes.length, Files.size(blob.path()));
        assertArrayEquals(sha256(bytes), sha256(Files.readAllBytes(blob.path())));
        blob.release().await().indefinitely();
    }

    @Test
    void openingAMissingKeyFailsWithBlobNotFound() {
        String key = store().newKey();
        assertThrows(BlobNotFoundException.class, () -> store().open(key).await().indefinitely());
    }

    @Test
    void deleteRemovesTheBlobAndDeletingAgainSucceeds() throws Exception {
        String key = put(randomBytes(1_000, 3));
        store().delete(key).await().indefinitely();
        assertThrows(BlobNotFoundException.class, () -> store().open(key).await().indefinitely());
        store().delete(key).await().indefinitely();
        store().delete(store().newKey()).await().indefinitely();
    }

    @Test
    void listOlderThanSeesBlobsStoredBeforeTheCutoffOnly() throws Exception {
        String key = put(randomBytes(1_000, 4));
        assertFalse(store().listOlderThan(Instant.now().minus(HOUR)).await().indefinitely().contains(key));
        assertTrue(store().listOlderThan(Instant.now().plus(HOUR)).await().indefinitely().contains(key));
        store().delete(key).await().indefinitely();
        assertFalse(store().listOlderThan(Instant.now().plus(HOUR)).await().indefinitely().contains(key));
    }

    @Test
    void purgeRemovesPartialWritesBegunBeforeTheCutoffAndNothingElse() throws Exception {
        byte[] bytes = randomBytes(2_000, 5);
        String complete = put(bytes);
        leaveAbandonedWrite();
        int before = abandonedWrites();
        assertTrue(before >= 1);

        assertEquals(0, store().purgeAbandonedWrites(Instant.now().minus(HOUR)).await().indefinitely());
        assertEquals(before, abandonedWrites());

        assertTrue(store().purgeAbandonedWrites(Instant.now().plus(HOUR)).await().indefinitely() >= before);
        assertEquals(0, abandonedWrites());
        LocalBlob blob = store().open(complete).await().indefinitely();
        assertArrayEquals(bytes, Files.readAllBytes(blob.path()));
        blob.release().await().indefinitely();
    }

    @Test
    void aPartialWriteIsNeverListedAsABlob() throws Exception {
        leaveAbandonedWrite();
        for (String key : store().listOlderThan(Instant.now().plus(HOUR)).await().indefinitely()) {
            LocalBlob blob = store().open(key).await().indefinitely();
            blob.release().await().indefinitely();
        }
    }

    @Test
    void aFailedPutLeavesNoBlobAndNoPartialWrite() throws Exception {
        store().purgeAbandonedWrites(Instant.now().plus(HOUR)).await().indefinitely();
        String key = store().newKey();
        Path missing = sources.resolve("never-written.pdf");
        CompletionException failure = assertThrows(CompletionException.class,
                () -> store().put(key, missing).await().indefinitely());
        assertInstanceOf(IOException.class, failure.getCause());
        assertThrows(BlobNotFoundException.class, () -> store().open(key).await().indefinitely());
        assertEquals(0, abandonedWrites());
    }

    @Test
    void keysTheStoreDidNotMakeAreRefused() {
        for (String key : new String[] {"../../etc/passwd", "invoices/x", "", "ABCDEF01-0000-0000-0000-000000000000"}) {
            assertThrows(IllegalArgumentException.class, () -> store().open(key), key);
            assertThrows(IllegalArgumentException.class, () -> store().delete(key), key);
        }
    }

    String put(byte[] bytes) throws IOException {
        String key = store().newKey();
        Path source = Files.write(Files.createTempFile(sources, "upload", ".pdf"), bytes);
        store().put(key, source).await().indefinitely();
        return key;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
