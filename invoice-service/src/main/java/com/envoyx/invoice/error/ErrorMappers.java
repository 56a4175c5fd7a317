package com.envoyx.invoice.error;

import java.io.IOException;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import com.envoyx.contracts.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The one mapping from exceptions to envelope codes; {@link ErrorResponses} writes them. Clients
 * only ever see stable codes from {@link ErrorCode}; internals (stack traces, SQL, class names) go to the log, never the body.
 */
class ErrorMappers {

    private static final String UPLOAD_PATH = "/invoices/upload";
    private static final String MULTIPART_PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";

    private final ErrorResponses responses;

    ErrorMappers(ErrorResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    Response api(ApiException e) {
        return responses.toResponse(e);
    }

    @ServerExceptionMapper
    Response json(JsonProcessingException e) {
        return of(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON of the expected shape.");
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return of(ErrorCode.NOT_FOUND);
    }

    @ServerExceptionMapper
    Response notAllowed(NotAllowedException e) {
        return of(ErrorCode.METHOD_NOT_ALLOWED);
    }

    @ServerExceptionMapper
    Response notSupported(NotSupportedException e) {
        return of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
            // The body limit sits just above the file limit, so on the upload route it is the file that is too large.
            return of(uri.getPath().endsWith(UPLOAD_PATH) ? ErrorCode.FILE_TOO_LARGE : ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (status >= 400 && status < 500) {
            return of(ErrorCode.MALFORMED_REQUEST);
        }
        return unexpected(e);
    }

    /**
     * A multipart body that ends before its closing boundary, or breaks its own framing, is raised
     * by the parser as a bare IOException or MalformedMessageException: the client's fault, so 400
     * (found by system-tests' upload fuzzer). Any other IOException stays a 500.
     */
    @ServerExceptionMapper({IOException.class, MultipartParser.MalformedMessageException.class})
    Response unreadableBody(Exception e) {
        StackTraceElement[] origin = e.getStackTrace();
        if (origin.length > 0 && origin[0].getClassName().startsWith(MULTIPART_PARSER_PACKAGE)) {
            return of(ErrorCode.MALFORMED_REQUEST, "The multipart body is incomplete or malformed.");
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e) {
        return responses.toResponse(e);
    }

    private Response of(ErrorCode code) {
        return responses.toResponse(new ApiException(code));
    }

    private Response of(ErrorCode code, String message) {
        return responses.toResponse(new ApiException(code, message));
    }
}
