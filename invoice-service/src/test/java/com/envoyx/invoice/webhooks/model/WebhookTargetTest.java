package com.envoyx.invoice.webhooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "0.0.0.0", "100.64.0.1", "100.127.255.255", "192.0.0.170", "198.18.0.1",
            "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "::10.0.0.1", "ff02::1", "2001:db8::1"})
    void privateLoopbackLinkLocalMetadataAndReservedAddressesAreForbidden(String address) throws UnknownHostException {
        assertTrue(WebhookTarget.forbidden(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertFalse(WebhookTarget.forbidden(InetAddress.getByName(address)), address);
    }

    @Test
    void onlyHttpsUrlsWithAHostAndWithoutUserInfo() {
        assertTrue(WebhookTarget.parse("https://hooks.example.com/envoyx?x=1", false).target().isPresent());
        assertEquals("url must use https.", WebhookTarget.parse("http://hooks.example.com/", false).refusal());
        assertEquals("url must use https.", WebhookTarget.parse("http://127.0.0.1:9000/", false).refusal());
        assertEquals("url must use https.", WebhookTarget.parse("ftp://hooks.example.com/", false).refusal());
        assertTrue(WebhookTarget.parse("https://user:pw@hooks.example.com/", false).refusal().contains("without user info"));
        assertTrue(WebhookTarget.parse("https:///nohost", false).refusal().contains("with a host"));
        assertTrue(WebhookTarget.parse("not a url", false).refusal().contains("absolute https URL"));
    }

    @Test
    void privateTargetsAllowedMeansHttpToLoopbackToo() {
        WebhookTarget local = WebhookTarget.parse("http://127.0.0.1:9000/hook?a=b", true).target().orElseThrow();
        assertEquals("127.0.0.1", local.host());
        assertEquals(9000, local.port());
        assertFalse(local.tls());
        assertEquals("/hook?a=b", local.pathAndQuery());
        assertTrue(WebhookTarget.parse("http://[::1]/", true).target().isPresent());
        assertEquals("url must use https (or http to 127.0.0.1).",
                WebhookTarget.parse("http://hooks.example.com/", true).refusal());
        WebhookTarget https = WebhookTarget.parse("https://hooks.example.com", true).target().orElseThrow();
        assertEquals(443, https.port());
        assertEquals("/", https.pathAndQuery());
    }
}
