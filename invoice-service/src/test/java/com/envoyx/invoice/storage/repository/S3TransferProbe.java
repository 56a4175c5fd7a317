package com.envoyx.invoice.storage.repository;

import java.net.URI;
import java.nio.file.Path;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Run in a JVM whose heap is smaller than the file (by {@link S3BlobStoreTest}): puts the file
 * through {@link S3BlobStore} and downloads it again, so any step that held the whole file in
 * memory ends in an OutOfMemoryError. Arguments: endpoint, access key, secret key, bucket, file.
 * Prints the downloaded copy's path; exits non-zero on any failure.
 */
final class S3TransferProbe {

    private S3TransferProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[4]);
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                .build()) {
            // Blocking calls only: no Vert.x worker needed, none started (it would take heap too).
            S3BlobStore store = new S3BlobStore(s3, args[3], "probe/", 8 * 1024 * 1024, 8 * 1024 * 1024,
                    source.resolveSibling("downloads"), null);
            String key = store.newKey();
            store.putBlocking(store.objectKey(key), source);
            System.out.println(store.download(key, store.objectKey(key)).path());
        }
    }
}
