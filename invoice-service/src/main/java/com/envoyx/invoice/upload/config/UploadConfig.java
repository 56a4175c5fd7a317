package com.envoyx.invoice.upload.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

// Defaults: in @WithDefault where SmallRye derives the documented environment variable from the key's
// name; in application.properties (${ENV:default}, once) where the documented variable is another, since
// SmallRye does not fall back to @WithDefault from an unset ${ENV} or an empty ${ENV:}.
@ConfigMapping(prefix = "envoyx.upload")
public interface UploadConfig {

    /** Largest accepted invoice file in bytes (10 MiB); one byte more is 413 FILE_TOO_LARGE. */
    long maxFileSize();

    /** Longest file name kept for display, in characters, after sanitising. */
    @WithDefault("255")
    int maxFileNameLength();
}
