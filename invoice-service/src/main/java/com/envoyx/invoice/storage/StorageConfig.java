package com.envoyx.invoice.storage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envoyx.storage")
public interface StorageConfig {

    /** Directory of the local filesystem blob store; created at start if missing. */
    @WithDefault("data/blobs")
    String blobDir();

    /** Blobs without a row are deleted once they are older than this (covers in-flight uploads). */
    @WithDefault("5m")
    Duration orphanGrace();

    /** How often the sweeper looks for orphaned blobs and expired idempotency records. */
    @WithDefault("1m")
    Duration sweepInterval();
}
