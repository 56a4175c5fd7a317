package com.envoyx.auth.webhook.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** invoice-service's HTTP API, which the dashboard's Webhooks pages call on the signed-in account's behalf. */
@ConfigMapping(prefix = "envoyx.invoice")
public interface InvoiceApiConfig {

    /** Base URL of invoice-service's HTTP API (env ENVOYX_INVOICE_URL). */
    @WithDefault("http://127.0.0.1:8080")
    URI url();

    /** How long one call may take before the page says the webhooks service is unavailable (env ENVOYX_INVOICE_TIMEOUT). */
    @WithDefault("5s")
    Duration timeout();

    /** PEM CA that signs invoice-service's certificate when {@link #url()} is https (set with ENVOYX_INTERNAL_TLS). */
    Optional<Path> ca();
}
