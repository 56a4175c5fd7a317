package com.envoyx.systemtest.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.envoyx.infra.S3ProxyServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3-compatible store the invoice replicas of a fleet share: an S3Proxy process (infra's
 * {@link S3ProxyServer}) and one bucket in it, created here before any replica starts, as an
 * operator provisions a bucket. Read through the S3 API with the AWS SDK, like the services do,
 * so what counts as stored is what any S3 client would see.
 */
final class FleetBucket implements BlobInventory, AutoCloseable {

    static final String BUCKET = "envoyx-fleet-invoices";
    static final String KEY_PREFIX = "invoices/";
    private static final String REGION = "us-east-1";

    private final S3ProxyServer server;
    private final S3Client s3;

    private FleetBucket(S3ProxyServer server) {
        this.server = server;
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
    }

    /** Starts S3Proxy from the jar invoice-service's build copies (or {@value S3ProxyServer#JAR_PROPERTY} / {@code ENVOYX_S3PROXY_JAR}). */
    static FleetBucket start(Path repositoryRoot) {
        String configured = System.getProperty(S3ProxyServer.JAR_PROPERTY, System.getenv("ENVOYX_S3PROXY_JAR"));
        Path jar = configured != null ? Path.of(configured)
                : repositoryRoot.resolve("invoice-service/target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package invoice-service first (its build copies S3Proxy there)");
        }
        FleetBucket bucket = new FleetBucket(S3ProxyServer.start(jar));
        try {
            bucket.s3.createBucket(request -> request.bucket(BUCKET));
        } catch (RuntimeException e) {
            bucket.close();
            throw e;
        }
        return bucket;
    }

    /** The settings that point an invoice replica at this bucket. */
    Map<String, String> invoiceEnvironment() {
        return Map.of(
                "ENVOYX_STORAGE_TYPE", "s3",
                "ENVOYX_S3_ENDPOINT", server.endpoint(),
                "ENVOYX_S3_REGION", REGION,
                "ENVOYX_S3_BUCKET", BUCKET,
                "ENVOYX_S3_PATH_STYLE_ACCESS", "true",
                "ENVOYX_S3_ACCESS_KEY_ID", server.accessKey(),
                "ENVOYX_S3_SECRET_ACCESS_KEY", server.secretKey(),
                "ENVOYX_S3_KEY_PREFIX", KEY_PREFIX);
    }

    int port() {
        return URI.create(server.endpoint()).getPort();
    }

    /** Objects under the service's prefix, as blob keys. */
    @Override
    public Set<String> keys() {
        Set<String> keys = new HashSet<>();
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(KEY_PREFIX)).contents()) {
            keys.add(object.key().substring(KEY_PREFIX.length()));
        }
        return keys;
    }

    /** Multipart uploads begun and neither completed nor aborted. */
    @Override
    public List<String> unfinishedWrites() {
        return s3.listMultipartUploads(request -> request.bucket(BUCKET).prefix(KEY_PREFIX)).uploads().stream()
                .map(upload -> upload.key() + " (upload " + upload.uploadId() + ")").toList();
    }

    /** Stops S3Proxy and deletes its data. */
    @Override
    public void close() {
        s3.close();
        server.close();
    }
}
