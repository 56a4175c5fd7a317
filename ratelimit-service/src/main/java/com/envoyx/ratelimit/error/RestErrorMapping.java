package com.envoyx.ratelimit.error;

import java.util.Map;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** The one mapping of failures to envelope responses on the HTTP port; internals never leak. */
public class RestErrorMapping {

    private static final Logger LOG = Logger.getLogger(RestErrorMapping.class);

    @ServerExceptionMapper
    public Response refusal(RateLimitException refusal) {
        Response.ResponseBuilder response = Response.status(refusal.code().status());
        if (refusal.retryAfterSeconds() > 0) {
            response.header("Retry-After", refusal.retryAfterSeconds());
            return response.entity(Envelope.error(refusal.code(), refusal.getMessage(),
                    Map.of("retry_after", refusal.retryAfterSeconds()))).build();
        }
        return response.entity(Envelope.error(refusal.code(), refusal.getMessage())).build();
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
        LOG.error("unexpected failure of a REST call", failure);
        return envelope(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message());
    }

    private static Response envelope(ErrorCode code, String message) {
        return Response.status(code.status()).entity(Envelope.error(code, message)).build();
    }
}
