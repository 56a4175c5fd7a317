package com.envoyx.invoice.keychain.repository;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which counter a client address belongs to: IPv4 per address, IPv6 per network prefix. */
final class ClientAddresses {

    private ClientAddresses() {
    }

    /**
     * The counter name of an address as Vert.x reports it (a literal, never a host name). Anything
     * that is not an address literal is counted as itself, so it still gets a budget.
     */
    static String bucketOf(String address, int ipv6PrefixLength) {
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
