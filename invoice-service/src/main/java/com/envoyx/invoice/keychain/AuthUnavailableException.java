package com.envoyx.invoice.keychain;

/** auth-service could not answer (down, slow, breaker open, or its token failed verification). */
class AuthUnavailableException extends RuntimeException {

    AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
