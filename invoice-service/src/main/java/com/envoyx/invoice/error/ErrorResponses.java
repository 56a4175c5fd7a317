package com.envoyx.invoice.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one envelope writer for errors: JAX-RS responses (exception mappers, the key filter) and
 * plain Vert.x routes (the WebSocket upgrade) answer every failure the same way. It also holds the
 * one policy for failures that are not refusals: a dependency outage ({@link ConnectionFailures})
 * is logged as a warning and answered 503; anything else is a bug, logged with its stack trace
 * and answered 500 without details. Refusals written on plain routes are rendered once and kept as
 * bytes: a client flooding the API meets the same few bodies (the seed's 401, 403, the 429 for
 * each {@code retry_after}) thousands of times a second.
 */
@ApplicationScoped
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    private static final String RETRY_AFTER = "Retry-After";
    /** Distinct bodies kept rendered; bounded because validation messages may vary. */
    private static final int RENDERED_BODIES = 512;

    private final ObjectMapper json;
    private final Cache<Envelope, byte[]> rendered = Caffeine.newBuilder().maximumSize(RENDERED_BODIES).build();

    ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    public Response toResponse(Throwable failure) {
        ApiException refusal = refusalFor(failure);
        Response.ResponseBuilder builder = Response.status(refusal.code().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(envelope(refusal));
        refusal.retryAfterSeconds().ifPresent(seconds -> builder.header(RETRY_AFTER, Long.toString(seconds)));
        return builder.build();
    }

    /** Ends the response with the envelope, unless it already ended or its connection closed. */
    public void write(HttpServerResponse response, Throwable failure) {
        ApiException refusal = refusalFor(failure);
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(refusal.code().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
        refusal.retryAfterSeconds().ifPresent(seconds -> response.putHeader(RETRY_AFTER, Long.toString(seconds)));
        response.end(Buffer.buffer(rendered.get(envelope(refusal), this::render)));
    }

    private byte[] render(Envelope envelope) {
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope always serialises", e);
        }
    }

    private static Envelope envelope(ApiException refusal) {
        return Envelope.error(refusal.code(), refusal.getMessage(), refusal.data());
    }

    private static ApiException refusalFor(Throwable failure) {
        if (failure instanceof ApiException refusal) {
            return refusal;
        }
        if (ConnectionFailures.causedByUnreachableDependency(failure)) {
            LOG.warnf("A dependency could not be reached while serving a request: %s", failure.toString());
            return new ApiException(ErrorCode.SERVICE_UNAVAILABLE);
        }
        LOG.error("Unhandled failure while serving a request", failure);
        return new ApiException(ErrorCode.INTERNAL_ERROR);
    }
}
