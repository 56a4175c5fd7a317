package com.envoyx.systemtest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A replica's upload directory, read behind its back: the moment a file appears there, the
 * replica is past the key chain and writing an upload's body, so a test can break it mid-request.
 */
public final class UploadDirectory {

    private UploadDirectory() {
    }

    public static Set<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    /** Waits until at least {@code count} files not in {@code earlier} exist in the directory. */
    public static void awaitNewFiles(Path directory, Set<Path> earlier, int count, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Set<Path> fresh = new HashSet<>(files(directory));
            fresh.removeAll(earlier);
            if (fresh.size() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the replica never started writing " + count + " upload(s) into " + directory);
    }
}
