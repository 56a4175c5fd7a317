package com.envoyx.systemtest.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        return finishAndRead(timeout).map(Answer::statusLine);
    }

    /**
     * Reads the answer without sending any more of the body: for a server that must answer from
     * the headers alone. Fails when none arrives within the timeout.
     */
    public Answer awaitAnswer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + timeout + " after " + sent + " of " + body.length + " body bytes", e);
        }
    }

    /** A whole HTTP answer: status line, headers (names lower case) and body. */
    public record Answer(String statusLine, Map<String, String> headers, String body) {

        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /**
     * Sends what is left and reads the whole answer. Empty when the server is gone: the connection
     * was reset or closed before a complete answer arrived (a cut-off answer counts as none, as it
     * does for any HTTP client).
     */
    public Optional<Answer> finishAndRead(Duration timeout) throws IOException {
        try {
            send(body.length - sent);
        } catch (IOException e) {
            return Optional.empty();
        }
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return Optional.of(read(new BufferedInputStream(socket.getInputStream())));
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer and no reset within " + timeout, e);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads one whole HTTP answer from a raw connection (status line, headers, sized or chunked body). */
    public static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                content.writeBytes(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("answer cut off after " + bytes.length + " of " + length + " bytes");
            }
            content.writeBytes(bytes);
        }
        return new Answer(statusLine, headers, content.toString(StandardCharsets.UTF_8));
    }

    /** One CRLF-terminated line; EOF before its end means the answer was cut off. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
