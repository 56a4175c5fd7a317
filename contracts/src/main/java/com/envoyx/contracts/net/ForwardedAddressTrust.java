package com.envoyx.contracts.net;

import java.util.List;
import java.util.Optional;

/**
 * Whether a service may start with its forwarding-header settings. Quarkus, told to take the
 * client address from {@code X-Forwarded-For} / {@code Forwarded} without a list of trusted
 * proxies, believes those headers from every sender: then anyone buys a fresh per-address budget
 * (logins, sign-ups, invalid keys) by writing a new address into a header. auth-service and
 * invoice-service both refuse that state at startup with this message.
 */
public final class ForwardedAddressTrust {

    private ForwardedAddressTrust() {
    }

    /** The reason to refuse, or empty when the settings are safe. */
    public static Optional<String> refusal(boolean forwardingTrusted, Optional<List<String>> trustedProxies) {
        boolean named = trustedProxies.map(list -> list.stream().anyMatch(proxy -> !proxy.isBlank())).orElse(false);
        if (!forwardingTrusted || named) {
            return Optional.empty();
        }
        return Optional.of("ENVOYX_TRUST_PROXY=true without ENVOYX_TRUSTED_PROXIES would believe X-Forwarded-For"
                + " from every sender, so anyone could pick their own client address and escape the per-address"
                + " limits. Set ENVOYX_TRUSTED_PROXIES to the addresses or CIDR ranges of the proxies in front of"
                + " this service (e.g. the ingress controller's pod range), or ENVOYX_TRUST_PROXY=false.");
    }
}
