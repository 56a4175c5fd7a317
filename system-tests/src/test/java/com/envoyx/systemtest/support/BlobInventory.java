package com.envoyx.systemtest.support;

import java.util.List;
import java.util.Set;

/** What a blob store holds, read behind invoice-service's back: the blob directory or the shared bucket. */
interface BlobInventory {

    /** Keys of the complete blobs (the {@code blob_key} a row references). */
    Set<String> keys();

    /** Writes begun and never finished (staging files, multipart uploads), which the sweeper removes after its grace. */
    List<String> unfinishedWrites();
}
