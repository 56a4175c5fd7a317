package com.envoyx.systemtest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An upload sent by hand over a raw socket, so a test decides how much of the body the server has
 * when something happens to it (a replica killed mid-body). HTTP/1.1 with a Content-Length,
 * exactly what {@link InvoiceUpload} sends, only paused.
 */
public final class StreamedUpload implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final byte[] body;
    private int sent;

    private StreamedUpload(Socket socket, byte[] body) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.body = body;
    }

    /** Connects and sends the request line and headers; no byte of the body yet. */
    public static StreamedUpload open(String invoiceUrl, String apiKey, InvoiceUpload.Multipart multipart,
                                      Map<String, String> headers) throws IOException {
        URI uri = URI.create(invoiceUrl);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        StreamedUpload upload = new StreamedUpload(socket, multipart.body());
        StringBuilder head = new StringBuilder("POST /api/v1/invoices/upload HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("X-API-Key: ").append(apiKey).append("\r\n")
                .append("Content-Type: ").append(multipart.contentType()).append("\r\n")
                .append("Content-Length: ").append(multipart.body().length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        upload.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        upload.out.flush();
        return upload;
    }

    /** Sends the next {@code bytes} of the body (fewer when less is left). */
    public void send(int bytes) throws IOException {
        int count = Math.min(bytes, body.length - sent);
        out.write(body, sent, count);
        out.flush();
        sent += count;
    }

    public int sent() {
        return sent;
    }

    public int length() {
        return body.length;
    }

    /**
     * Sends what is left and reads the status line. Empty when the server is gone: the connection
     * was reset or closed before any answer arrived.
     */
    public Optional<String> finish(Duration timeout) throws IOException {
        try {
            send(body.length - sent);
        } catch (IOException e) {
            return Optional.empty();
        }
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Optional.ofNullable(statusLine);
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer and no reset within " + timeout, e);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
