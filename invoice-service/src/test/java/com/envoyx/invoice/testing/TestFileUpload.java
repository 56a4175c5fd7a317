package com.envoyx.invoice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.envoyx.invoice.upload.model.ReceivedFile;

/** A file as the REST layer hands it to the upload service: a temporary file on disk plus the client's name. */
public final class TestFileUpload {

    private TestFileUpload() {
    }

    public static ReceivedFile of(String fileName, byte[] bytes) {
        try {
            Path file = Files.createTempFile("envoyx-test-upload", ".part");
            return new ReceivedFile(fileName, Files.write(file, bytes), bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
