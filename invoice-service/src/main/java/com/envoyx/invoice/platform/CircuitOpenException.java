package com.envoyx.invoice.platform;

/** The call was not made: its dependency failed too often lately. */
public class CircuitOpenException extends RuntimeException {

    public CircuitOpenException(String dependency) {
        super("circuit open for " + dependency, null, false, false);
    }
}
