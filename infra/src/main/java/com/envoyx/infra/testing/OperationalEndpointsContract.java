package com.envoyx.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The operational endpoints every service serves: health, Prometheus metrics, OpenAPI. */
public abstract class OperationalEndpointsContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The service's OpenAPI title, e.g. "EnvoyX auth-service". */
    protected abstract String openApiTitle();

    @Test
    void livenessAndReadinessAreUp() throws IOException, InterruptedException {
        for (String probe : new String[] {"/q/health/live", "/q/health/ready"}) {
            HttpResponse<String> response = get(probe);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().replace(" ", "").contains("\"status\":\"UP\""), response.body());
        }
    }

    @Test
    void prometheusMetricsAreServed() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/q/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentIsServed() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/q/openapi?format=json");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"title\" : \"" + openApiTitle() + "\"")
                || response.body().contains("\"title\":\"" + openApiTitle() + "\""), response.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
