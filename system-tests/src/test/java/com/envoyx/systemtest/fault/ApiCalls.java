package com.envoyx.systemtest.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.SamplePdf;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Customer calls to invoice-service, each bounded by {@link #DEADLINE}: a fault may make the
 * service refuse, never make a client wait longer than that.
 */
final class ApiCalls {

    /**
     * The longest a customer may wait for any answer during a fault. invoice-service asks at most
     * auth-service and then ratelimit-service, each within {@link SharedFleet#DEPENDENCY_DEADLINE}
     * (2 s; ratelimit-service gives Redis 1 s of it), so 4 s is the designed worst case; the rest
     * is room for two shared cores.
     */
    static final Duration DEADLINE = Duration.ofSeconds(8);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ApiCalls() {
    }

    static HttpResponse<String> me(ServiceInstance invoice, String apiKey) throws IOException, InterruptedException {
        return get(invoice, apiKey, "/api/v1/me");
    }

    static HttpResponse<String> get(ServiceInstance invoice, String apiKey, String path)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(invoice.url() + path)).timeout(DEADLINE)
                .header("X-API-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> file(ServiceInstance invoice, String apiKey, String invoiceId)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(invoice.url() + "/api/v1/invoices/" + invoiceId + "/file"))
                .timeout(DEADLINE).header("X-API-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Uploads {@link SamplePdf#invoice(String)} of {@code label}. */
    static HttpResponse<String> upload(ServiceInstance invoice, String apiKey, String label)
            throws IOException, InterruptedException {
        return InvoiceUpload.send(invoice.url(), apiKey, InvoiceUpload.multipart(label + ".pdf", SamplePdf.invoice(label)),
                Map.of(), DEADLINE);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return SuiteClient.json(response.body());
    }

    /** The envelope's {@code code}, or the raw body when it is not an envelope. */
    static String code(HttpResponse<String> response) {
        try {
            return json(response).path("code").asText(response.body());
        } catch (IOException e) {
            return response.body();
        }
    }

    static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.uri().getPath() + " -> " + response.statusCode() + " "
                + response.body();
    }
}
