package com.envoyx.auth.error;

import java.util.List;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The service's one translation of failures into answers: the only writer of error envelopes, and
 * the gRPC status of a failure. Messages of unexpected failures never reach the client: they are
 * logged with their type (the stack trace at DEBUG) and answered with INTERNAL_ERROR, or logged as
 * a warning and answered SERVICE_UNAVAILABLE when PostgreSQL or Redis could not be reached.
 */
public class ErrorMappings {

    private static final Logger LOG = Logger.getLogger(ErrorMappings.class);

    @ServerExceptionMapper
    public RestResponse<Envelope> api(ApiException e) {
        return respond(e.code(), e.getMessage(), e.data(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> notJson(JsonParseException e) {
        return respond(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON.", null);
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> tooDeep(StreamConstraintsException e) {
        return respond(ErrorCode.MALFORMED_REQUEST, "The request body is too large or too deeply nested.", null);
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> wrongShape(MismatchedInputException e) {
        String field = fieldPath(e.getPath());
        if (field.isEmpty()) {
            return respond(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object.", null);
        }
        return api(Violations.single(field, "has the wrong type"));
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> unreadable(JsonMappingException e) {
        String field = fieldPath(e.getPath());
        if (field.isEmpty()) {
            return respond(ErrorCode.MALFORMED_REQUEST, ErrorCode.MALFORMED_REQUEST.message(), null);
        }
        return api(Violations.single(field, "could not be read"));
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> noSuchResource(NotFoundException e) {
        return respond(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.message(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> methodNotAllowed(NotAllowedException e) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED.message(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> unsupportedMediaType(NotSupportedException e) {
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.", null);
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400, 413 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 406 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> null;
        };
        if (code == null) {
            return unexpected(e);
        }
        return respond(code, code.message(), null);
    }

    @ServerExceptionMapper
    public RestResponse<Envelope> unexpected(Throwable e) {
        boolean outage = Outages.isOutage(e);
        logUnhandled(e, outage);
        ErrorCode code = outage ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
        return respond(code, code.message(), null);
    }

    /** The envelope response of a refusal, for code that answers before a resource runs (filters). */
    public static jakarta.ws.rs.core.Response toResponse(ApiException e) {
        return respond(e.code(), e.getMessage(), e.data(), e.retryAfterSeconds()).toResponse();
    }

    /**
     * The gRPC answer of a call that could not be decided: always UNAVAILABLE, so a caller answers
     * 503 and never refuses a credential it could not check. Logged like an unhandled REST failure.
     */
    public static StatusRuntimeException toGrpcStatus(Throwable e, String description) {
        logUnhandled(e, Outages.isOutage(e));
        return Status.UNAVAILABLE.withDescription(description).asRuntimeException();
    }

    /** The one logging policy for failures nobody handled: the type only, the stack trace at DEBUG. */
    private static void logUnhandled(Throwable e, boolean outage) {
        if (outage) {
            LOG.warnf("A server this service needs is unreachable: %s", e.getClass().getName());
            return;
        }
        LOG.errorf("Unexpected %s while serving a request", e.getClass().getName());
        LOG.debug("Unexpected failure", e);
    }

    private static RestResponse<Envelope> respond(ErrorCode code, String message, Object data) {
        return respond(code, message, data, 0);
    }

    private static RestResponse<Envelope> respond(ErrorCode code, String message, Object data,
            long retryAfterSeconds) {
        RestResponse.ResponseBuilder<Envelope> response = RestResponse.ResponseBuilder
                .<Envelope>create(code.status())
                .entity(Envelope.error(code, message, data))
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.build();
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
