package com.envoyx.invoice.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one envelope writer for errors: JAX-RS responses (exception mappers, the key filter) and
 * plain Vert.x routes (the WebSocket upgrade) answer every failure the same way. It also holds the
 * one policy for failures that are not refusals: a dependency outage ({@link ConnectionFailures})
 * is logged as a warning and answered 503; anything else is a bug, logged with its stack trace
 * and answered 500 without details.
 */
@ApplicationScoped
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    private static final String RETRY_AFTER = "Retry-After";

    private final ObjectMapper json;

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
        try {
            response.end(json.writeValueAsString(envelope(refusal)));
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
