package com.envoyx.invoice.error;

/**
 * A dependency of ours did not answer, or answered with its own server error: transient, worth
 * retrying later (503), never the client's fault. Features throw a subtype of it so that the one
 * outage classifier ({@link ConnectionFailures}) knows it without knowing them.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
