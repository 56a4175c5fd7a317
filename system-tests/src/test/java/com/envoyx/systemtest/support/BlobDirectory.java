package com.envoyx.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The filesystem blob store's directory: {@code <dir>/<2 chars>/<key>}, unfinished writes under {@code <dir>/.staging/}. */
final class BlobDirectory implements BlobInventory {

    private final Path directory;
    private final Path staging;

    BlobDirectory(Path directory) {
        this.directory = directory;
        this.staging = directory.resolve(".staging");
    }

    @Override
    public Set<String> keys() {
        return files(path -> !path.startsWith(staging)).stream()
                .map(path -> path.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public List<String> unfinishedWrites() {
        return files(path -> path.startsWith(staging)).stream().map(Path::toString).toList();
    }

    private List<Path> files(Predicate<Path> which) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(which).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
