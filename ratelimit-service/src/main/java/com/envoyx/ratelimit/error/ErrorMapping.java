package com.envoyx.ratelimit.error;

import java.util.Map;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The one translation of failures into answers: error envelopes on the HTTP port (every REST
 * error, refusals of the resources included, is written here) and gRPC statuses on the gRPC port.
 * A refusal's Retry-After becomes the {@code Retry-After} header or the {@code retry-after}
 * trailer. Unexpected failures are logged once, here, and never leak their details.
 */
public class ErrorMapping {

    /** Trailer with the whole seconds after which a retryable failure may succeed. */
    public static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(ErrorMapping.class);

    /** For gRPC services: {@code onFailure().transform(ErrorMapping::toStatus)}. */
    public static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        if (failure instanceof RateLimitException refusal) {
            Status status = switch (refusal.code()) {
                case UNAUTHORIZED -> Status.UNAUTHENTICATED;
                case FORBIDDEN -> Status.PERMISSION_DENIED;
                case VALIDATION_ERROR -> Status.INVALID_ARGUMENT;
                case CONFLICT -> Status.ALREADY_EXISTS;
                // The one refusal of a request that is valid but meets a limit in the wrong state
                // (Reserve on a limit kept exact): the catalogue's 409 for a state that forbids it.
                case INVALID_STATUS_TRANSITION -> Status.FAILED_PRECONDITION;
                case SERVICE_UNAVAILABLE -> Status.UNAVAILABLE;
                default -> Status.INTERNAL;
            };
            Metadata trailers = new Metadata();
            if (refusal.retryAfterSeconds() > 0) {
                trailers.put(RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
            }
            return status.withDescription(refusal.getMessage()).asRuntimeException(trailers);
        }
        logUnexpected("gRPC", failure);
        return Status.INTERNAL.withDescription(ErrorCode.INTERNAL_ERROR.message()).asRuntimeException();
    }

    @ServerExceptionMapper
    public Response refusal(RateLimitException refusal) {
        Response.ResponseBuilder response = Response.status(refusal.code().status());
        Object data = refusal.data();
        if (refusal.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, refusal.retryAfterSeconds());
            if (data == null) {
                data = Map.of("retry_after", refusal.retryAfterSeconds());
            }
        }
        return response.entity(Envelope.error(refusal.code(), refusal.getMessage(), data)).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException failure) {
        return envelope(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON of the expected shape.");
    }

    /** Named on its own because Quarkus ships a mapper for exactly this type, which would win otherwise. */
    @ServerExceptionMapper
    public Response mistyped(MismatchedInputException failure) {
        return unreadable(failure);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException failure) {
        return envelope(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.message());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException failure) {
        return envelope(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED.message());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException failure) {
        return envelope(ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_MEDIA_TYPE.message());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure) {
        if (failure.getResponse().getStatus() == 400) {
            return envelope(ErrorCode.MALFORMED_REQUEST, ErrorCode.MALFORMED_REQUEST.message());
        }
        if (failure.getResponse().getStatus() < 500) {
            return envelope(ErrorCode.MALFORMED_REQUEST, "The request cannot be served as sent.");
        }
        return unexpected(failure);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure) {
        logUnexpected("REST", failure);
        return envelope(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message());
    }

    /** The one logging policy: a failure nobody expected is an error with its stack trace, once per call. */
    private static void logUnexpected(String protocol, Throwable failure) {
        LOG.errorf(failure, "unexpected failure of a %s call", protocol);
    }

    private static Response envelope(ErrorCode code, String message) {
        return Response.status(code.status()).entity(Envelope.error(code, message)).build();
    }
}
