package com.envoyx.invoice.webhooks.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may be sent. A URL is https, with a host and no user info; the address a
 * delivery connects to (the resolved one, checked right before connecting to that very address,
 * so a DNS answer that changes between the check and the connection cannot point it elsewhere)
 * is public: never loopback, private, link-local (the cloud metadata address 169.254.169.254 is
 * one), shared (100.64/10), unique-local, multicast or reserved. With private targets allowed
 * (the local launcher), every address is, and plain http to a loopback host too.
 */
public record WebhookTarget(URI uri, String host, int port, boolean tls) {

    /** The URL as a target, or why it cannot be one (a sentence for the API's error). */
    public static Result parse(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Result.refused("url must be an absolute https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isEmpty() || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Result.refused("url must be an absolute https URL with a host, without user info or fragment.");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean http = scheme.equals("http");
        if (!scheme.equals("https") && !(http && allowPrivate && isLoopbackName(bareHost))) {
            return Result.refused("url must use https" + (allowPrivate ? " (or http to 127.0.0.1)." : "."));
        }
        int port = uri.getPort() != -1 ? uri.getPort() : http ? 80 : 443;
        return new Result(Optional.of(new WebhookTarget(uri, bareHost, port, !http)), null);
    }

    /** The request line's target: path and query. */
    public String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** True when a delivery must not connect to this address. */
    public static boolean forbidden(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return forbidden(embedded.get());
            }
            return address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isMulticastAddress()
                    || (b[0] & 0xfe) == 0xfc           // fc00::/7 unique local (fd00:ec2::254 is a metadata address)
                    || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8); // 2001:db8::/32 documentation
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || first == 0                                  // 0.0.0.0/8 "this network"
                || (first == 100 && (second & 0xc0) == 64)     // 100.64.0.0/10 shared address space
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (first == 198 && (second & 0xfe) == 18)     // 198.18.0.0/15 benchmarking
                || first >= 240;                               // 240.0.0.0/4 reserved, and broadcast
    }

    /** IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) addresses carry an IPv4 one. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equalsIgnoreCase("localhost");
    }

    /** A target, or the sentence saying why the URL is not one. */
    public record Result(Optional<WebhookTarget> target, String refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
