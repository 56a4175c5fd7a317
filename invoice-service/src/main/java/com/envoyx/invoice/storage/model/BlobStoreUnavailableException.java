package com.envoyx.invoice.storage.model;

import com.envoyx.invoice.error.DependencyUnavailableException;

/** The store did not answer, or answered with a server error: worth retrying later, never the client's fault. */
public class BlobStoreUnavailableException extends DependencyUnavailableException {

    public BlobStoreUnavailableException(Throwable cause) {
        super("blob store unavailable: " + cause.getMessage(), cause);
    }
}
