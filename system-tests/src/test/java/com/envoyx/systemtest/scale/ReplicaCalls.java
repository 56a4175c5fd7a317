package com.envoyx.systemtest.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.envoyx.systemtest.support.InvoiceUpload;
import com.envoyx.systemtest.support.ServiceInstance;
import com.envoyx.systemtest.support.SuiteClient;
import com.fasterxml.jackson.databind.JsonNode;

/** A customer's calls to one invoice-service replica, each bounded by {@link #DEADLINE}. */
final class ReplicaCalls {

    /** Room for two shared cores; no call of these tests waits on a fault. */
    static final Duration DEADLINE = Duration.ofSeconds(15);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReplicaCalls() {
    }

    static HttpResponse<String> get(ServiceInstance replica, String apiKey, String path)
            throws IOException, InterruptedException {
        return HTTP.send(request(replica, apiKey, path), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> file(ServiceInstance replica, String apiKey, String invoiceId)
            throws IOException, InterruptedException {
        return HTTP.send(request(replica, apiKey, "/api/v1/invoices/" + invoiceId + "/file"),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> delete(ServiceInstance replica, String apiKey, String invoiceId)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/api/v1/invoices/" + invoiceId)).timeout(DEADLINE)
                .header("X-API-Key", apiKey).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> upload(ServiceInstance replica, String apiKey, String fileName, byte[] pdf)
            throws IOException, InterruptedException {
        return InvoiceUpload.send(replica.url(), apiKey, InvoiceUpload.multipart(fileName, pdf), Map.of(), DEADLINE);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return SuiteClient.json(response.body());
    }

    static String describe(HttpResponse<?> response) {
        return response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " " + response.body();
    }

    private static HttpRequest request(ServiceInstance replica, String apiKey, String path) {
        return HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(DEADLINE)
                .header("X-API-Key", apiKey).GET().build();
    }
}
