package com.envoyx.auth.webhook.client;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import com.envoyx.auth.error.ApiException;
import com.envoyx.auth.webhook.config.InvoiceApiConfig;
import com.envoyx.auth.webhook.model.InvoiceAnswer;
import com.envoyx.contracts.error.ErrorCode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * invoice-service's webhooks API over HTTP with a dashboard token. Its answer (status and
 * envelope) is handed back as it came: invoice-service owns the webhooks and their messages. Not
 * reaching it at all is a 503 in auth-service's own envelope. No retry: a person is waiting.
 */
@ApplicationScoped
public class InvoiceWebhooksClient {

    private static final String WEBHOOKS = "/api/v1/webhooks";

    private final HttpClient http;
    private final InvoiceApiConfig config;
    private final String basePath;

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
        this.basePath = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + WEBHOOKS;
    }

    /** {@code path} is relative to /api/v1/webhooks ("" or "/{id}..."); {@code body} null for none. */
    public Uni<InvoiceAnswer> call(HttpMethod method, String path, String token, String body) {
        RequestOptions request = new RequestOptions()
                .setMethod(method)
                .setURI(basePath + path)
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json");
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return Uni.createFrom().deferred(() -> http.request(request)
                        .chain(sent -> body == null ? sent.send() : sent.send(body))
                        .chain(response -> response.body().map(bytes -> new InvoiceAnswer(response.statusCode(), bytes.toString()))))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(e -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The webhooks service cannot be reached right now. Try again in a moment."));
    }
}
