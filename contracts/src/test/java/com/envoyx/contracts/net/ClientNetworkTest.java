package com.envoyx.contracts.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void ipv4AddressesAreCountedOneByOne() {
        assertEquals("203.0.113.9", ClientNetwork.bucketOf("203.0.113.9", 64));
        assertNotEquals(ClientNetwork.bucketOf("203.0.113.9", 64), ClientNetwork.bucketOf("203.0.113.10", 64));
    }

    @Test
    void twoAddressesOfOneSubscriberNetworkShareABudget() {
        int prefix = ClientNetwork.IPV6_SUBSCRIBER_PREFIX;
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientNetwork.bucketOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd", prefix));
        assertEquals(ClientNetwork.bucketOf("2001:db8:1:2::1", prefix), ClientNetwork.bucketOf("[2001:db8:1:2:ffff::]", prefix));
        assertNotEquals(ClientNetwork.bucketOf("2001:db8:1:2::1", prefix), ClientNetwork.bucketOf("2001:db8:1:3::1", prefix));
        assertEquals("2001:db8:1:0:0:0:0:0/56", ClientNetwork.bucketOf("2001:db8:1:ff::1", 56));
        assertEquals("0:0:0:0:0:0:0:1/128", ClientNetwork.bucketOf("::1", 128));
    }

    @Test
    void whatIsNoAddressStillGetsABudget() {
        assertEquals("unknown", ClientNetwork.bucketOf(null, 64));
        assertEquals("unknown", ClientNetwork.bucketOf(" ", 64));
        assertEquals("not:an:address:zz", ClientNetwork.bucketOf("not:an:address:zz", 64));
    }
}
