package com.envoyx.invoice.error;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.envoyx.contracts.envelope.Envelope;
import com.envoyx.contracts.error.ErrorCode;

/** The one envelope writer for errors, used by the exception mappers and the request filter alike. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.code().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Envelope.error(e.code(), e.getMessage(), e.data()));
        for (Map.Entry<String, String> header : e.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    public static Response of(ErrorCode code) {
        return of(new ApiException(code));
    }

    public static Response of(ErrorCode code, String message) {
        return of(new ApiException(code, message));
    }
}
