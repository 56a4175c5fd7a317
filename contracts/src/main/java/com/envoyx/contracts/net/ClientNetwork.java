package com.envoyx.contracts.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which per-address budget a client address spends: an IPv4 address its own, an IPv6 address
 * that of its network prefix (a /64 by default), because one subscriber gets a whole /64 and could
 * otherwise change address for every attempt.
 */
public final class ClientNetwork {

    /** The prefix an IPv6 end site is routed as (RFC 6177 and common ISP practice). */
    public static final int IPV6_SUBSCRIBER_PREFIX = 64;

    private ClientNetwork() {
    }

    /**
     * The budget name of an address as Vert.x reports it (a literal, never a host name). Anything
     * that is not an address literal is counted as itself, so it still gets a budget.
     */
    public static String bucketOf(String address, int ipv6PrefixLength) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal containing ':' is parsed without any name lookup.
            InetAddress parsed = InetAddress.getByName(stripBrackets(address));
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            int keep = Math.max(0, Math.min(128, ipv6PrefixLength));
            for (int bit = keep; bit < 128; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + keep;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String stripBrackets(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }
}
