package com.envoyx.invoice.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A multipart/form-data body written byte by byte, for what client libraries refuse to send
 * (file names with NUL or bidi marks, raw UTF-8), as a hostile or careless client would.
 */
public record RawMultipart(String contentType, byte[] body) {

    public static RawMultipart file(String fileName, byte[] content) {
        String boundary = "envoyx-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(fileName.getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\"\r\nContent-Type: application/pdf\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new RawMultipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }
}
