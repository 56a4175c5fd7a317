package com.envoyx.invoice.processing.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** The processing pipeline: how many documents at once, how jobs are leased, and the validation rules. */
// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.processing")
public interface ProcessingConfig {

    /** Whether this replica claims and processes invoices (off: uploads wait as PENDING for another replica). */
    @WithDefault("true")
    boolean enabled();

    /** Documents parsed at once by this replica: each is one child JVM of {@link #parserHeap()} and a waiting worker thread. */
    @WithDefault("2")
    int concurrency();

    /** How often the replica looks for claimable jobs when nothing woke it (uploads here wake it at once). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How long a claim holds a job; renewed every third of it while the document is within its time limit. */
    Duration leaseDuration();

    /** Claims of one job before it ends FAILED; a claim whose worker crashed or lost its lease counts. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before a job that hit a transient failure (blob store, database) is claimed again, times the attempts so far. */
    @WithDefault("10s")
    Duration retryDelay();

    /** Longest parse of one document (the child JVM's start included); past it the child is killed and the document ends FAILED. */
    @WithDefault("30s")
    Duration timeLimit();

    /** Heap of the child JVM that parses one document; a document that needs more ends FAILED. */
    @WithDefault("128m")
    @WithConverter(MemorySizeConverter.class)
    MemorySize parserHeap();

    /** More pages than this (counted from the page tree) and a document is FLAGGED; pages past it are not read. */
    @WithDefault("100")
    int maxPages();

    /** Whether a document without a text layer (a scan) is FLAGGED. */
    @WithDefault("true")
    boolean requireTextLayer();

    /** On shutdown, how long in-flight documents may take to finish before their leases are handed back. */
    @WithDefault("10s")
    Duration drainTimeout();
}
