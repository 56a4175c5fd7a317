package com.envoyx.invoice.upload.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.envoyx.contracts.error.ErrorCode;
import com.envoyx.invoice.error.ApiException;
import com.envoyx.invoice.error.ErrorResponses;
import com.envoyx.invoice.upload.config.UploadConfig;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * An upload that declares a body larger than the limit is refused 413 FILE_TOO_LARGE in the
 * envelope from its headers alone, and its connection closed: not one byte of the body is read.
 * A Vert.x route ordered before Quarkus' own body-limit route (which would answer the same status
 * with an empty body), and after the key gate (a missing or malformed key is still the seed's
 * 401/403) but before the key lookup: the refusal costs less than a lookup, and no budget is
 * charged for it. Bodies without a Content-Length are stopped by the
 * server at the same limit while they stream (see ErrorMappers).
 */
@ApplicationScoped
class DeclaredSizeGate {

    static final String UPLOAD_PATH = "/api/v1/invoices/upload";
    /** Quarkus' body-limit route has order -2 (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT). */
    private static final int ORDER = -3;

    private final ErrorResponses errors;
    private final long maxBodyBytes;

    DeclaredSizeGate(ErrorResponses errors, UploadConfig config) {
        this.errors = errors;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, UPLOAD_PATH).order(ORDER).handler(this::check);
    }

    void check(RoutingContext request) {
        String declared = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !tooLarge(declared)) {
            request.next();
            return;
        }
        request.response().putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> request.request().connection().close());
        errors.write(request.response(), new ApiException(ErrorCode.FILE_TOO_LARGE));
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            // Vert.x refuses a malformed Content-Length itself; nothing to decide here.
            return false;
        }
    }
}
