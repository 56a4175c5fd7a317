package com.envoyx.invoice.keychain.service;

/** auth-service could not answer (down, slow, breaker open, or its token failed verification). */
class AuthUnavailableException extends RuntimeException {

    AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
