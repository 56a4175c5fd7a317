package com.envoyx.contracts.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ForwardedAddressTrustTest {

    @Test
    void forwardingFromEverySenderIsRefusedNamingTheSetting() {
        String reason = ForwardedAddressTrust.refusal(true, Optional.empty()).orElseThrow();
        assertTrue(reason.contains("ENVOYX_TRUSTED_PROXIES"), reason);
        assertTrue(ForwardedAddressTrust.refusal(true, Optional.of(List.of(" "))).isPresent(), "a blank list names nobody");
    }

    @Test
    void namedProxiesOrNoForwardingStart() {
        assertEquals(Optional.empty(), ForwardedAddressTrust.refusal(true, Optional.of(List.of("10.244.0.0/16"))));
        assertEquals(Optional.empty(), ForwardedAddressTrust.refusal(false, Optional.empty()));
    }
}
