package com.envoyx.invoice.storage.repository;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.jboss.logging.Logger;

import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.model.BlobStoreUnavailableException;
import com.envoyx.invoice.storage.model.LocalBlob;

import io.smallrye.mutiny.Uni;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects {@code <prefix><key>} of one bucket in an S3-compatible store, shared by every
 * replica. A PUT is atomic (a key names the complete object or nothing); a multipart upload only
 * becomes an object when it is completed, and one that failed is aborted at once or, after a
 * crash, by {@link #purgeAbandonedWrites}. Bytes are streamed from and to local files, never held
 * in memory. Every SDK call is blocking and runs on a worker thread; a store that does not answer
 * (or answers 5xx after the SDK's retries) fails with {@link BlobStoreUnavailableException}.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);
    private static final String COPY_SUFFIX = ".download";
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long multipartThreshold;
    private final long partSize;
    private final Path downloadDir;
    private final OnWorker worker;

    S3BlobStore(S3Client s3, String bucket, String prefix, long multipartThreshold, long partSize, Path downloadDir,
                OnWorker worker) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("envoyx.storage.s3.part-size must be at least 5 MiB (" + MIN_PART_SIZE + ")");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        this.downloadDir = downloadDir.toAbsolutePath();
        this.worker = worker;
    }

    /** Creates the bucket when it does not exist yet. */
    void ensureBucket() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException e) {
            LOG.infof("Creating bucket %s", bucket);
            try {
                s3.createBucket(request -> request.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // Another replica starting at the same moment created it first: the goal is met.
                LOG.infof("Bucket %s was created by another replica meanwhile", bucket);
            }
        }
    }

    @Override
    public String newKey() {
        return BlobKeys.newKey();
    }

    @Override
    public Uni<Void> put(String key, Path source) {
        String objectKey = objectKey(key);
        return onWorker(() -> {
            putBlocking(objectKey, source);
            return null;
        });
    }

    @Override
    public Uni<LocalBlob> open(String key) {
        String objectKey = objectKey(key);
        return onWorker(() -> download(key, objectKey));
    }

    @Override
    public Uni<Void> delete(String key) {
        String objectKey = objectKey(key);
        return onWorker(() -> {
            s3.deleteObject(request -> request.bucket(bucket).key(objectKey));
            return null;
        });
    }

    @Override
    public Uni<List<String>> listOlderThan(Instant cutoff) {
        return onWorker(() -> {
            List<String> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
                String key = object.key().substring(prefix.length());
                if (BlobKeys.isKey(key) && object.lastModified().isBefore(cutoff)) {
                    keys.add(key);
                }
            }
            return keys;
        });
    }

    @Override
    public Uni<Integer> purgeAbandonedWrites(Instant cutoff) {
        return onWorker(() -> abortUploadsBegunBefore(cutoff) + deleteCopiesMadeBefore(cutoff));
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Blocking put; package-private so that a test can watch what one call allocates on its own thread. */
    void putBlocking(String objectKey, Path source) throws IOException {
        long size = Files.size(source);
        if (size < multipartThreshold) {
            s3.putObject(request -> request.bucket(bucket).key(objectKey), RequestBody.fromFile(source));
        } else {
            putInParts(objectKey, source, size);
        }
    }

    /** Blocking download to a fresh local copy; package-private for the same reason as {@link #putBlocking}. */
    LocalBlob download(String key, String objectKey) throws IOException {
        Path copy = Files.createDirectories(downloadDir).resolve(key + "." + UUID.randomUUID() + COPY_SUFFIX);
        try {
            s3.getObject(request -> request.bucket(bucket).key(objectKey), ResponseTransformer.toFile(copy));
        } catch (NoSuchKeyException e) {
            Files.deleteIfExists(copy);
            throw new BlobNotFoundException(key);
        } catch (RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new DownloadedCopy(copy, worker);
    }

    private <T> Uni<T> onWorker(Callable<T> work) {
        return worker.call(work).onFailure(S3BlobStore::isUnavailability).transform(BlobStoreUnavailableException::new);
    }

    private static boolean isUnavailability(Throwable failure) {
        return failure instanceof SdkClientException
                || failure instanceof S3Exception s3Failure && s3Failure.statusCode() >= 500;
    }

    String objectKey(String key) {
        return prefix + BlobKeys.require(key);
    }

    private void putInParts(String objectKey, Path source, long size) {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(objectKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < size; offset += partSize, partNumber++) {
                long length = Math.min(partSize, size - offset);
                int number = partNumber;
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId)
                                .partNumber(number).contentLength(length),
                        RequestBody.fromContentProvider(new FileRegion(source, offset, length), length,
                                "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abortQuietly(objectKey, uploadId);
            throw e;
        }
    }

    private void abortQuietly(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException e) {
            LOG.warnf("Multipart upload %s of %s left for the sweeper: %s", uploadId, objectKey, e.getMessage());
        }
    }

    private int abortUploadsBegunBefore(Instant cutoff) {
        int aborted = 0;
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix))
                .uploads()) {
            if (upload.initiated().isBefore(cutoff)) {
                try {
                    s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    aborted++;
                } catch (NoSuchUploadException e) {
                    // Completed or aborted by its own put meanwhile.
                }
            }
        }
        return aborted;
    }

    private int deleteCopiesMadeBefore(Instant cutoff) throws IOException {
        if (!Files.isDirectory(downloadDir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(downloadDir, "*" + COPY_SUFFIX)) {
            for (Path copy : copies) {
                // A copy still being sent stays readable: the response holds it open, unlinking drops only the name.
                if (modifiedBefore(copy, cutoff) && Files.deleteIfExists(copy)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** A temporary copy of an object; releasing deletes it. */
    private record DownloadedCopy(Path path, OnWorker worker) implements LocalBlob {
        @Override
        public Uni<Void> release() {
            return worker.call(() -> Files.deleteIfExists(path))
                    .onFailure().invoke(e -> LOG.warnf("Download copy %s left for the sweeper: %s", path, e.getMessage()))
                    .onFailure().recoverWithNull()
                    .replaceWithVoid();
        }
    }
}
