package com.envoyx.invoice.storage.model;

import java.nio.file.Path;

import com.envoyx.invoice.storage.repository.BlobStore;

import io.smallrye.mutiny.Uni;

/**
 * A readable local file with a blob's bytes, from {@link BlobStore#open}. Whoever opened it
 * releases it once done (after the response is sent, after the pipeline has read it): a store
 * whose blobs are local files hands out the blob itself and releasing does nothing; a remote
 * store hands out a temporary copy and releasing deletes it. Copies that were never released
 * (a crash, a cancelled request) are deleted by the sweeper after the grace period.
 */
public interface LocalBlob {

    Path path();

    /** Gives the file back; never fails (a copy that cannot be deleted is left for the sweeper). */
    Uni<Void> release();
}
