package com.envoyx.auth.webhook.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.webhook.config.InvoiceApiConfig;
import com.envoyx.auth.webhook.model.InvoiceAnswer;
import com.envoyx.auth.webhook.model.InvoiceDocument;
import com.envoyx.contracts.error.ErrorCode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * invoice-service's HTTP API over HTTP with a dashboard token: the webhooks API, and the invoice
 * routes the dashboard's Invoices page uses. Its answer (status and envelope, or a document's bytes)
 * is handed back as it came: invoice-service owns webhooks and invoices and their messages. Not
 * reaching it at all is a 503 in auth-service's own envelope. No retry: a person is waiting.
 */
@ApplicationScoped
public class InvoiceWebhooksClient {

    private static final String API = "/api/v1";
    private static final String WEBHOOKS = "/webhooks";
    private static final String INVOICES = "/invoices";

    private final HttpClient http;
    private final InvoiceApiConfig config;
    private final String apiPath;

    InvoiceWebhooksClient(Vertx vertx, InvoiceApiConfig config) {
        this.config = config;
        URI url = config.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort() > 0 ? url.getPort() : https ? 443 : 80)
                .setSsl(https)
                .setConnectTimeout((int) config.timeout().toMillis());
        config.ca().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        this.http = vertx.createHttpClient(options);
        String path = url.getPath() == null ? "" : url.getPath();
        this.apiPath = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + API;
    }

    /** {@code path} is relative to /api/v1/webhooks ("" or "/{id}..."); {@code body} null for none. */
    public Uni<InvoiceAnswer> call(HttpMethod method, String path, String token, String body) {
        return send(method, WEBHOOKS + path, token, body, "application/json", "webhooks")
                .map(answer -> new InvoiceAnswer(answer.status(), new String(answer.body(), StandardCharsets.UTF_8)));
    }

    /** {@code path} is relative to /api/v1/invoices ("", "?query" or "/{id}..."); {@code body} null for none. */
    public Uni<InvoiceAnswer> invoices(HttpMethod method, String path, String token, String body) {
        return send(method, INVOICES + path, token, body, "application/json", "invoices")
                .map(answer -> new InvoiceAnswer(answer.status(), new String(answer.body(), StandardCharsets.UTF_8)));
    }

    /** An invoice's document: its bytes and headers when 200, else invoice-service's envelope as the body. */
    public Uni<InvoiceDocument> document(String invoicePath, String token) {
        return send(HttpMethod.GET, INVOICES + invoicePath + "/file", token, null, "application/pdf, application/json",
                "invoices");
    }

    private Uni<InvoiceDocument> send(HttpMethod method, String path, String token, String body, String accept,
            String what) {
        RequestOptions request = new RequestOptions()
                .setMethod(method)
                .setURI(apiPath + path)
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", accept);
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return Uni.createFrom().deferred(() -> http.request(request)
                        .chain(sent -> body == null ? sent.send() : sent.send(body))
                        .chain(response -> response.body().map(bytes -> new InvoiceDocument(response.statusCode(),
                                bytes.getBytes(), response.getHeader("Content-Type"),
                                response.getHeader("Content-Disposition")))))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(e -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The " + what + " service cannot be reached right now. Try again in a moment."));
    }
}
