package com.envoyx.ratelimit.error;

import org.jboss.logging.Logger;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The one mapping of failures to gRPC statuses; unexpected failures never leak their details. */
public final class GrpcErrors {

    /** Trailer with the whole seconds after which a retryable failure may succeed. */
    public static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

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
                case SERVICE_UNAVAILABLE -> Status.UNAVAILABLE;
                default -> Status.INTERNAL;
            };
            Metadata trailers = new Metadata();
            if (refusal.retryAfterSeconds() > 0) {
                trailers.put(RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
            }
            return status.withDescription(refusal.getMessage()).asRuntimeException(trailers);
        }
        LOG.error("unexpected failure of a gRPC call", failure);
        return Status.INTERNAL.withDescription("An unexpected error occurred.").asRuntimeException();
    }
}
