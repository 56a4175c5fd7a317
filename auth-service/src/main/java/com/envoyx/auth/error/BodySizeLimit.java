package com.envoyx.auth.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.envoyx.contracts.error.ErrorCode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Refuses a JSON body above the configured size by its Content-Length, before it is read, with
 * the envelope (400 MALFORMED_REQUEST). quarkus.http.limits.max-body-size stays above this as
 * the hard cap for bodies that announce no length.
 */
public class BodySizeLimit {

    /** Limits of request bodies; named like its environment variable, so it needs no properties line. */
    @ConfigMapping(prefix = "envoyx")
    public interface Config {

        /** Largest JSON body accepted, in bytes (env ENVOYX_MAX_JSON_BODY_BYTES). */
        @WithDefault("65536")
        long maxJsonBodyBytes();
    }

    private final Config config;

    BodySizeLimit(Config config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversized(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return ErrorMappings.toResponse(new ApiException(ErrorCode.MALFORMED_REQUEST));
        }
        if (length > config.maxJsonBodyBytes()) {
            return ErrorMappings.toResponse(new ApiException(ErrorCode.MALFORMED_REQUEST,
                    "The request body is larger than " + config.maxJsonBodyBytes() + " bytes."));
        }
        return null;
    }
}
