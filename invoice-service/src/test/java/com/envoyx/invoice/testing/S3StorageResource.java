package com.envoyx.invoice.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.envoyx.infra.S3ProxyServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts the service's blobs in an S3-compatible store: S3Proxy started as a process
 * ({@link S3ProxyServer}), a bucket the service creates at start, and a download directory of
 * this start's own. Combine with a resource that provides the infrastructure.
 */
public class S3StorageResource implements QuarkusTestResourceLifecycleManager {

    private static volatile S3Storage current;

    private S3ProxyServer server;

    /** The store of the running Quarkus start, with a client of its own for checking what is stored. */
    public static S3Storage storage() {
        if (current == null) {
            throw new IllegalStateException("S3StorageResource is not active for this test");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        server = S3ProxyServer.start();
        String bucket = "invoices-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "test/";
        Path downloads = Path.of("target/test-downloads", UUID.randomUUID().toString()).toAbsolutePath();
        S3Client client = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
        current = new S3Storage(client, bucket, prefix, downloads);

        Map<String, String> config = new HashMap<>();
        config.put("envoyx.storage.type", "s3");
        config.put("envoyx.storage.s3.endpoint", server.endpoint());
        config.put("envoyx.storage.s3.bucket", bucket);
        config.put("envoyx.storage.s3.path-style-access", "true");
        config.put("envoyx.storage.s3.access-key-id", server.accessKey());
        config.put("envoyx.storage.s3.secret-access-key", server.secretKey());
        config.put("envoyx.storage.s3.key-prefix", prefix);
        config.put("envoyx.storage.s3.create-bucket", "true");
        config.put("envoyx.storage.s3.download-dir", downloads.toString());
        return config;
    }

    @Override
    public void stop() {
        if (current != null) {
            current.client().close();
            current = null;
        }
        if (server != null) {
            server.close();
        }
    }

    /** Where the service keeps its blobs in this start. */
    public record S3Storage(S3Client client, String bucket, String prefix, Path downloadDir) {
    }
}
