package com.envoyx.invoice.storage.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on the local filesystem; a crashed put leaves a file in {@code .staging}. */
class FilesystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;

    private FilesystemBlobStore store;

    @BeforeEach
    void newStore() {
        store = new FilesystemBlobStore(root, worker);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void leaveAbandonedWrite() throws Exception {
        Path staging = Files.createDirectories(root.resolve(".staging"));
        Files.write(staging.resolve(store.newKey() + ".partial"), new byte[] {1, 2, 3});
    }

    @Override
    int abandonedWrites() throws Exception {
        Path staging = root.resolve(".staging");
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return (int) files.count();
        }
    }
}
