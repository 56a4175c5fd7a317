package com.envoyx.invoice.upload.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "envoyx.upload")
public interface UploadConfig {

    /** Largest accepted invoice file in bytes (10 MiB); one byte more is 413 FILE_TOO_LARGE. */
    @WithDefault("10485760")
    long maxFileSize();

    /** Longest file name kept for display, in characters, after sanitising. */
    @WithDefault("255")
    int maxFileNameLength();
}
