package com.envoyx.invoice.storage.repository;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.storage.config.StorageConfig;

import io.quarkus.runtime.Startup;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The one {@link BlobStore} of the service, chosen by {@code envoyx.storage.type}. Built at start,
 * so a misconfigured or unreachable S3 store stops the service instead of failing the first upload.
 */
@ApplicationScoped
class BlobStoreProducer {

    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);

    @Produces
    @ApplicationScoped
    @Startup
    BlobStore blobStore(StorageConfig config, OnWorker worker) {
        return switch (config.type()) {
            case FILESYSTEM -> new FilesystemBlobStore(Path.of(config.blobDir()), worker);
            case S3 -> s3Store(config.s3(), worker);
        };
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore s3) {
            s3.close();
        }
    }

    private static S3BlobStore s3Store(StorageConfig.S3 config, OnWorker worker) {
        String bucket = config.bucket().filter(name -> !name.isBlank()).orElseThrow(() -> new IllegalStateException(
                "envoyx.storage.type=s3 needs envoyx.storage.s3.bucket (ENVOYX_S3_BUCKET)"));
        S3BlobStore store = new S3BlobStore(client(config), bucket, config.keyPrefix(), config.multipartThreshold(),
                config.partSize(), Path.of(config.downloadDir()), worker);
        if (config.createBucket()) {
            store.ensureBucket();
        }
        LOG.infof("Blobs in bucket %s under prefix '%s' at %s", bucket, config.keyPrefix(),
                config.endpoint().map(Object::toString).orElse("AWS S3 " + config.region()));
        return store;
    }

    private static S3Client client(StorageConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyleAccess())
                .credentialsProvider(credentials(config))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(config.maxConnections()))
                .overrideConfiguration(override -> override.apiCallTimeout(config.callTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
        if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
            throw new IllegalStateException("Set both envoyx.storage.s3.access-key-id and .secret-access-key, or neither");
        }
        if (config.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
