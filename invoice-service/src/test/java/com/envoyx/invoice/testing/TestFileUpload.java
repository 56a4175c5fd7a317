package com.envoyx.invoice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A multipart file part as Quarkus hands it over: a temporary file on disk plus the client's name. */
public record TestFileUpload(String fileName, Path filePath) implements FileUpload {

    public static TestFileUpload of(String fileName, byte[] bytes) {
        try {
            Path file = Files.createTempFile("envoyx-test-upload", ".part");
            return new TestFileUpload(fileName, Files.write(file, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public long size() {
        try {
            return Files.size(filePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String contentType() {
        return "application/pdf";
    }

    @Override
    public String charSet() {
        return null;
    }

    @Override
    public MultivaluedMap<String, String> getHeaders() {
        return new MultivaluedHashMap<>();
    }
}
