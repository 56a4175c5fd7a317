package com.envoyx.invoice.upload.model;

import java.nio.file.Path;

/**
 * A file a client sent, as the upload rules see it: the name the client gave it (unsanitised), the
 * temporary file holding its bytes, and its size. Whatever transport received it is left behind.
 */
public record ReceivedFile(String clientFileName, Path path, long size) {
}
