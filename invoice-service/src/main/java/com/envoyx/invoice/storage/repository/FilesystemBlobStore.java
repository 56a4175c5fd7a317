package com.envoyx.invoice.storage.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.envoyx.invoice.platform.OnWorker;
import com.envoyx.invoice.storage.model.BlobNotFoundException;
import com.envoyx.invoice.storage.model.LocalBlob;

import io.smallrye.mutiny.Uni;

/**
 * Blobs as files: {@code <dir>/<first two chars of key>/<key>}. A put first lands in
 * {@code <dir>/.staging/} and is then renamed into place atomically, so a reader never sees a
 * half-written blob and a crash leaves only a staging file, which the sweeper removes.
 */
class FilesystemBlobStore implements BlobStore {

    private static final String STAGING = ".staging";

    private final Path root;
    private final OnWorker worker;

    FilesystemBlobStore(Path root, OnWorker worker) {
        this.root = root.toAbsolutePath();
        this.worker = worker;
    }

    @Override
    public String newKey() {
        return BlobKeys.newKey();
    }

    @Override
    public Uni<Void> put(String key, Path source) {
        Path target = pathOf(key);
        return worker.call(() -> {
            Path staging = Files.createDirectories(root.resolve(STAGING)).resolve(key + "." + UUID.randomUUID());
            try {
                moveOrCopy(source, staging);
                // The sweeper's grace period counts from now, not from when the client started sending.
                Files.setLastModifiedTime(staging, FileTime.from(Instant.now()));
                Files.createDirectories(target.getParent());
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(staging);
            }
            return null;
        });
    }

    @Override
    public Uni<LocalBlob> open(String key) {
        Path path = pathOf(key);
        return worker.call(() -> {
            if (!Files.isRegularFile(path)) {
                throw new BlobNotFoundException(key);
            }
            return new StoredFile(path);
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        Path path = pathOf(key);
        return worker.call(() -> {
            Files.deleteIfExists(path);
            return null;
        });
    }

    @Override
    public Uni<List<String>> listOlderThan(Instant cutoff) {
        return worker.call(() -> {
            List<String> keys = new ArrayList<>();
            if (!Files.isDirectory(root)) {
                return keys;
            }
            try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
                for (Path shard : shards) {
                    if (!shard.getFileName().toString().equals(STAGING)) {
                        collectOlder(shard, cutoff, keys);
                    }
                }
            }
            return keys;
        });
    }

    @Override
    public Uni<Integer> purgeAbandonedWrites(Instant cutoff) {
        Path staging = root.resolve(STAGING);
        return worker.call(() -> {
            if (!Files.isDirectory(staging)) {
                return 0;
            }
            int purged = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
                for (Path file : files) {
                    if (modifiedBefore(file, cutoff) && Files.deleteIfExists(file)) {
                        purged++;
                    }
                }
            }
            return purged;
        });
    }

    private static void collectOlder(Path shard, Instant cutoff, List<String> keys) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (BlobKeys.isKey(name) && modifiedBefore(file, cutoff)) {
                    keys.add(name);
                }
            }
        }
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveOrCopy(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Upload directory on another filesystem: copy instead; the staging name keeps it atomic.
            Files.copy(source, target);
        }
    }

    private Path pathOf(String key) {
        BlobKeys.require(key);
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    /** The blob's own file: nothing to give back. */
    private record StoredFile(Path path) implements LocalBlob {
        @Override
        public Uni<Void> release() {
            return Uni.createFrom().voidItem();
        }
    }
}
