package com.envoyx.invoice.storage.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.storage")
public interface StorageConfig {

    /** Which store holds the blobs: {@code filesystem} (one machine) or {@code s3} (shared by every replica). */
    @WithDefault("filesystem")
    StorageType type();

    /** Directory of the local filesystem blob store; created at start if missing. */
    String blobDir();

    /** Blobs without a row are deleted once they are older than this (covers in-flight uploads). */
    Duration orphanGrace();

    /** How often the sweeper looks for orphaned blobs and expired idempotency records. */
    Duration sweepInterval();

    /** The S3-compatible store; read only when {@link #type()} is {@code s3}. */
    S3 s3();

    enum StorageType {
        FILESYSTEM,
        S3
    }

    interface S3 {

        /** Endpoint of an S3-compatible server (MinIO, S3Proxy, Ceph); empty means AWS S3 of {@link #region()}. */
        Optional<URI> endpoint();

        /** Region the requests are signed for; S3-compatible servers mostly accept any. */
        String region();

        /** Bucket holding the blobs; required with {@code type=s3}. */
        Optional<String> bucket();

        /** Path-style URLs ({@code endpoint/bucket/key}) instead of virtual hosts; most S3-compatible servers need it. */
        boolean pathStyleAccess();

        /** Access key id; with the secret key empty too, the SDK's default chain (AWS_* variables, web identity, instance role) is used. */
        Optional<String> accessKeyId();

        /** Secret access key, from a Kubernetes Secret in production. */
        Optional<String> secretAccessKey();

        /** Prefix of every object key this service writes, lists and sweeps; other prefixes of the bucket are never touched. */
        String keyPrefix();

        /** Create the bucket at start when it is missing (local clusters and tests); production buckets are provisioned. */
        boolean createBucket();

        /** Files at least this large are uploaded in parts (S3's minimum part is 5 MiB). */
        @WithDefault("8388608")
        long multipartThreshold();

        /** Size of one part of a multipart upload (at least 5 MiB). */
        @WithDefault("8388608")
        long partSize();

        /** Local directory for downloaded copies that a response or the pipeline reads; each copy is deleted after use. */
        String downloadDir();

        /** Connections to the store per replica; blocking calls run on worker threads, so this bounds them too. */
        @WithDefault("50")
        int maxConnections();

        /** Upper bound of one store call including retries, so a hung store cannot hold a worker thread forever. */
        @WithDefault("60s")
        Duration callTimeout();
    }
}
