package com.envoyx.invoice.storage.model;

/** The key names no blob: a row whose blob vanished outside the service's control. */
public class BlobNotFoundException extends RuntimeException {

    public BlobNotFoundException(String key) {
        super("no blob under key " + key);
    }
}
