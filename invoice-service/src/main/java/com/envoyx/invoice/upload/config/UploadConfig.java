package com.envoyx.invoice.upload.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.upload")
public interface UploadConfig {

    /** Largest accepted invoice file in bytes (10 MiB); one byte more is 413 FILE_TOO_LARGE. */
    long maxFileSize();

    /**
     * Largest request body of an upload (env ENVOYX_MAX_BODY_SIZE, also the server's body limit): a
     * larger declared Content-Length is refused 413 from the headers, before any byte is read.
     */
    MemorySize maxBodySize();

    /**
     * Uploads one key (one budget) may have in flight on this replica at once (env
     * ENVOYX_UPLOAD_MAX_IN_FLIGHT_PER_KEY); one more is 429 RATE_LIMIT_EXCEEDED with retry_after,
     * before its body is read, so a few keys cannot fill the upload directory.
     */
    @WithDefault("4")
    int maxInFlightPerKey();

    /** Longest file name kept for display, in characters, after sanitising. */
    @WithDefault("255")
    int maxFileNameLength();
}
