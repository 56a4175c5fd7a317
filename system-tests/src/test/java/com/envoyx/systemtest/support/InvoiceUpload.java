package com.envoyx.systemtest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** An invoice upload to invoice-service with an API key, as a customer's server sends it. */
public final class InvoiceUpload {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private InvoiceUpload() {
    }

    /** A multipart/form-data body with one PDF in the field {@code file}. */
    public record Multipart(String boundary, byte[] body) {

        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }

    public static Multipart multipart(String fileName, byte[] pdf) {
        String boundary = "envoyx-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Multipart(boundary, body.toByteArray());
    }

    public static HttpResponse<String> send(String invoiceUrl, String apiKey, String label)
            throws IOException, InterruptedException {
        return send(invoiceUrl, apiKey, multipart(label + ".pdf", SamplePdf.invoice(label)), Map.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Sends the body with extra headers (e.g. {@code Idempotency-Key}); {@code timeout} bounds the
     * whole exchange, so a hanging server surfaces as {@link java.net.http.HttpTimeoutException}.
     */
    public static HttpResponse<String> send(String invoiceUrl, String apiKey, Multipart multipart,
                                            Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(invoiceUrl + "/api/v1/invoices/upload"))
                .timeout(timeout)
                .header("X-API-Key", apiKey)
                .header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body()));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
