package com.envoyx.invoice.storage.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.envoyx.infra.Ports;
import com.envoyx.infra.S3ProxyServer;
import com.envoyx.invoice.storage.model.BlobStoreUnavailableException;
import com.envoyx.invoice.storage.model.LocalBlob;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob store contract against a real S3-compatible server (S3Proxy as a process): a crashed
 * put leaves an unfinished multipart upload, and an unreleased download a local copy.
 */
class S3BlobStoreTest extends BlobStoreContract {

    private static final String PREFIX = "blobs/";

    private static S3ProxyServer server;
    private static S3Client s3;

    @TempDir
    Path downloads;

    private String bucket;
    private S3BlobStore store;

    @BeforeAll
    static void startS3Proxy() {
        server = S3ProxyServer.start();
        s3 = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newBucket() {
        bucket = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        // Threshold and part size at S3's minimum, so the 10 MiB contract blob goes up in three parts.
        store = new S3BlobStore(s3, bucket, PREFIX, 5 * 1024 * 1024, 5 * 1024 * 1024, downloads, worker);
        store.ensureBucket();
    }

    @AfterEach
    void noCopyOutlivesItsRelease() throws Exception {
        assertEquals(0, localCopies(), "every opened blob was released, so no download copy may remain");
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void leaveAbandonedWrite() {
        String objectKey = store.objectKey(store.newKey());
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(objectKey)).uploadId();
        s3.uploadPart(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(randomBytes(5 * 1024 * 1024, 6)));
    }

    @Override
    int abandonedWrites() {
        return (int) s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(PREFIX)).uploads()
                .stream().count();
    }

    @Test
    void ensureBucketKeepsAnExistingBucketAndItsObjects() throws Exception {
        String key = put(randomBytes(100, 7));
        store.ensureBucket();
        assertTrue(store.listOlderThan(Instant.now().plusSeconds(3600)).await().indefinitely().contains(key));
    }

    @Test
    void replicasStartingTogetherBothFindTheirBucket() throws Exception {
        for (int round = 0; round < 5; round++) {
            String shared = "race-" + UUID.randomUUID().toString().substring(0, 8);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> starts = List.of(
                        replicas.submit(() -> startReplica(shared, start)),
                        replicas.submit(() -> startReplica(shared, start)));
                start.countDown();
                for (Future<?> replica : starts) {
                    replica.get(30, TimeUnit.SECONDS);
                }
            } finally {
                replicas.shutdownNow();
            }
            s3.headBucket(request -> request.bucket(shared));
        }
    }

    private Void startReplica(String sharedBucket, CountDownLatch start) throws InterruptedException {
        start.await();
        new S3BlobStore(s3, sharedBucket, PREFIX, 5 * 1024 * 1024, 5 * 1024 * 1024, downloads, worker).ensureBucket();
        return null;
    }

    @Test
    void objectsOutsideThePrefixAreNeverListedOrPurged() throws Exception {
        String foreign = "other/" + store.newKey();
        s3.putObject(request -> request.bucket(bucket).key(foreign), RequestBody.fromBytes(new byte[] {1}));
        String mine = put(randomBytes(100, 8));

        assertEquals(List.of(mine), store.listOlderThan(Instant.now().plusSeconds(3600)).await().indefinitely());
        store.purgeAbandonedWrites(Instant.now().plusSeconds(3600)).await().indefinitely();
        assertEquals(1, s3.headObject(request -> request.bucket(bucket).key(foreign)).contentLength());
    }

    @Test
    void aReleasedCopyIsDeletedAndAnUnreleasedOneIsPurged() throws Exception {
        String key = put(randomBytes(1_000, 9));
        LocalBlob released = store.open(key).await().indefinitely();
        assertTrue(Files.exists(released.path()));
        released.release().await().indefinitely();
        assertFalse(Files.exists(released.path()));

        LocalBlob forgotten = store.open(key).await().indefinitely();
        assertEquals(0, store.purgeAbandonedWrites(Instant.now().minusSeconds(3600)).await().indefinitely());
        assertTrue(Files.exists(forgotten.path()));
        assertEquals(1, store.purgeAbandonedWrites(Instant.now().plusSeconds(3600)).await().indefinitely());
        assertFalse(Files.exists(forgotten.path()));
    }

    @Test
    void aMissingKeyLeavesNoDownloadCopy() throws Exception {
        openingAMissingKeyFailsWithBlobNotFound();
        assertEquals(0, localCopies());
    }

    /**
     * A file larger than the whole heap of a JVM goes up (in parts) and comes back through the
     * store: only possible when neither direction holds the file in memory. The probe runs in a
     * child JVM with a 48 MiB heap and moves 96 MiB.
     */
    @Test
    void aFileLargerThanTheHeapGoesUpAndComesBack() throws Exception {
        Path source = sources.resolve("big.pdf");
        try (OutputStream out = Files.newOutputStream(source)) {
            byte[] chunk = randomBytes(1024 * 1024, 10);
            for (int i = 0; i < 96; i++) {
                chunk[0] = (byte) i;
                out.write(chunk);
            }
        }
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path"),
                S3TransferProbe.class.getName(), server.endpoint(), server.accessKey(), server.secretKey(), bucket,
                source.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor(), output);
        String[] lines = output.strip().split("\\R");
        Path copy = Path.of(lines[lines.length - 1]);
        try {
            assertEquals(Files.size(source), Files.size(copy));
            assertEquals(-1, Files.mismatch(source, copy));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void aStoreThatDoesNotAnswerFailsAsUnavailableNotAsMissing() {
        try (S3Client nowhere = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + Ports.freePort()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build()) {
            S3BlobStore unreachable = new S3BlobStore(nowhere, bucket, PREFIX, 5 * 1024 * 1024, 5 * 1024 * 1024,
                    downloads, worker);
            String key = unreachable.newKey();
            assertThrows(BlobStoreUnavailableException.class, () -> unreachable.open(key).await().indefinitely());
            assertThrows(BlobStoreUnavailableException.class, () -> unreachable.delete(key).await().indefinitely());
            assertThrows(BlobStoreUnavailableException.class,
                    () -> unreachable.listOlderThan(Instant.now()).await().indefinitely());
            assertThrows(BlobStoreUnavailableException.class,
                    () -> unreachable.purgeAbandonedWrites(Instant.now()).await().indefinitely());
        }
    }

    private int localCopies() throws Exception {
        try (Stream<Path> files = Files.list(downloads)) {
            return (int) files.count();
        }
    }

}
