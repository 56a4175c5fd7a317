package com.envoyx.invoice.keychain.rest;

import io.vertx.core.http.HttpServerRequest;

/** The address a request came from, for the key chain's per-address throttle. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** The peer's address, or the forwarded one only where quarkus.http.proxy trusts it; null if unknown. */
    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
