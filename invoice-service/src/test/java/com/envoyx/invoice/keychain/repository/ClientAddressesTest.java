package com.envoyx.invoice.keychain.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void ipv4AddressesAreCountedOneByOne() {
        assertEquals("203.0.113.9", ClientAddresses.bucketOf("203.0.113.9", 64));
        assertNotEquals(ClientAddresses.bucketOf("203.0.113.9", 64), ClientAddresses.bucketOf("203.0.113.10", 64));
    }

    @Test
    void ipv6AddressesAreCountedPerNetwork() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddresses.bucketOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64));
        assertEquals(ClientAddresses.bucketOf("2001:db8:1:2::1", 64), ClientAddresses.bucketOf("[2001:db8:1:2:ffff::]", 64));
        assertNotEquals(ClientAddresses.bucketOf("2001:db8:1:2::1", 64), ClientAddresses.bucketOf("2001:db8:1:3::1", 64));
        assertEquals("2001:db8:1:0:0:0:0:0/56", ClientAddresses.bucketOf("2001:db8:1:ff::1", 56));
        assertEquals("0:0:0:0:0:0:0:1/128", ClientAddresses.bucketOf("::1", 128));
    }

    @Test
    void whatIsNoAddressStillGetsABudget() {
        assertEquals("unknown", ClientAddresses.bucketOf(null, 64));
        assertEquals("unknown", ClientAddresses.bucketOf(" ", 64));
        assertEquals("not:an:address:zz", ClientAddresses.bucketOf("not:an:address:zz", 64));
    }
}
